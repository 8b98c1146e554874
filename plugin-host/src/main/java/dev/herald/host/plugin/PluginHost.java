package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.dispatch.grpc.PluginChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every plugin of the plugins directory: one supervisor each, managed or remote, all sharing
 * one set of channels and one directory the router reads.
 */
public final class PluginHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

  private final PluginChannels channels;
  private final PluginDirectory directory;
  private final List<PluginSupervisor> supervisors = new ArrayList<>();

  /**
   * Creates a host for the given manifests; nothing starts until {@link #start()}.
   *
   * @param hostEnvironment the environment PATH, HOME, LANG and TZ are passed through from
   */
  public PluginHost(
      List<PluginManifest> manifests,
      PluginChannels channels,
      PluginDirectory directory,
      SupervisionSettings settings,
      Map<String, String> hostEnvironment,
      String hostVersion) {
    this.channels = requireNonNull(channels, "channels");
    this.directory = requireNonNull(directory, "directory");
    ManagedPluginLauncher launcher = new ManagedPluginLauncher(channels, settings, hostEnvironment);
    RemotePluginConnector remote = new RemotePluginConnector(channels);
    for (PluginManifest manifest : manifests) {
      directory.register(manifest);
      PluginSupervisor.Connector connector =
          manifest.managed() ? launcher::launch : remote::connect;
      supervisors.add(new PluginSupervisor(manifest, connector, directory, settings, hostVersion));
    }
  }

  /** Starts every plugin; each comes up on its own and its deliveries flow once it is SERVING. */
  public void start() {
    supervisors.forEach(PluginSupervisor::start);
    if (!supervisors.isEmpty()) {
      log.info("Starting {} plugin(s)", supervisors.size());
    }
  }

  /** Returns the directory of plugins and their states. */
  public PluginDirectory directory() {
    return directory;
  }

  /** Stops every plugin (SIGTERM, grace period, SIGKILL) and closes the channels. */
  @Override
  public void close() {
    // Stop them side by side: each may take its whole grace period.
    List<Thread> stopping = new ArrayList<>();
    for (PluginSupervisor supervisor : supervisors) {
      stopping.add(Thread.ofVirtual().start(supervisor::stop));
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channels.close();
  }
}
