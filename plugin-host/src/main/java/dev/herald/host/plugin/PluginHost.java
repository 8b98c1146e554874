package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.dispatch.grpc.PluginChannels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every plugin of the plugins directory: one supervisor each, managed or remote, all sharing
 * one set of channels and one directory the router reads. A reload starts, restarts and stops
 * plugins to match the manifests on disk.
 */
public final class PluginHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

  /** What a reload changed, by plugin id. */
  public record Reload(
      List<String> started, List<String> restarted, List<String> stopped, List<String> unchanged) {
    public Reload {
      started = List.copyOf(started);
      restarted = List.copyOf(restarted);
      stopped = List.copyOf(stopped);
      unchanged = List.copyOf(unchanged);
    }
  }

  private final PluginChannels channels;
  private final PluginDirectory directory;
  private final SupervisionSettings settings;
  private final String hostVersion;
  private final ManagedPluginLauncher launcher;
  private final RemotePluginConnector remote;
  private final Map<String, PluginSupervisor> supervisors = new LinkedHashMap<>();
  private boolean started;
  private boolean closed;

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
    this.settings = requireNonNull(settings, "settings");
    this.hostVersion = requireNonNull(hostVersion, "hostVersion");
    this.launcher = new ManagedPluginLauncher(channels, settings, hostEnvironment);
    this.remote = new RemotePluginConnector(channels);
    manifests.forEach(this::add);
  }

  private PluginSupervisor add(PluginManifest manifest) {
    directory.register(manifest);
    PluginSupervisor.Connector connector = manifest.managed() ? launcher::launch : remote::connect;
    PluginSupervisor supervisor =
        new PluginSupervisor(manifest, connector, directory, settings, hostVersion);
    supervisors.put(manifest.id(), supervisor);
    return supervisor;
  }

  /** Starts every plugin; each comes up on its own and its deliveries flow once it is SERVING. */
  public synchronized void start() {
    if (closed) {
      return; // stopped before it started: start nothing that would outlive Herald
    }
    started = true;
    supervisors.values().forEach(PluginSupervisor::start);
    if (!supervisors.isEmpty()) {
      log.info("Starting {} plugin(s)", supervisors.size());
    }
  }

  /**
   * Makes the running plugins match {@code manifests}: new ones start, changed ones restart,
   * removed ones stop (their waiting deliveries stay pending), unchanged ones keep running.
   */
  public synchronized Reload reload(List<PluginManifest> manifests) {
    Map<String, PluginManifest> wanted = new LinkedHashMap<>();
    manifests.forEach(m -> wanted.put(m.id(), m));
    List<String> begun = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String id : Set.copyOf(supervisors.keySet())) {
      if (!wanted.containsKey(id)) {
        supervisors.remove(id).stop();
        directory.retire(id);
        stopped.add(id);
      }
    }
    for (PluginManifest manifest : wanted.values()) {
      PluginSupervisor running = supervisors.get(manifest.id());
      if (running != null && running.manifest().equals(manifest)) {
        unchanged.add(manifest.id());
        continue;
      }
      if (running != null) {
        running.stop();
        restarted.add(manifest.id());
      } else {
        begun.add(manifest.id());
      }
      PluginSupervisor supervisor = add(manifest);
      if (started && !closed) {
        supervisor.start();
      }
    }
    log.info(
        "Plugins reloaded: started {}, restarted {}, stopped {}, unchanged {}",
        begun,
        restarted,
        stopped,
        unchanged);
    return new Reload(begun, restarted, stopped, unchanged);
  }

  /** Returns the directory of plugins and their states. */
  public PluginDirectory directory() {
    return directory;
  }

  /** Stops every plugin (SIGTERM, grace period, SIGKILL) and closes the channels. */
  @Override
  public void close() {
    List<PluginSupervisor> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(supervisors.values());
    }
    // Stop them side by side: each may take its whole grace period.
    List<Thread> stopping = new ArrayList<>();
    for (PluginSupervisor supervisor : all) {
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
