package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.proto.plugin.v1.DescribeRequest;
import dev.herald.proto.plugin.v1.DescribeResponse;
import dev.herald.proto.plugin.v1.PluginServiceGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one plugin running: connect (start the process, or dial the remote), Describe, watch its
 * health; on exit or lasting ill health, hold its deliveries and restart it with exponential
 * backoff; after too many failed starts in a row, mark it FAILED.
 */
final class PluginSupervisor {

  private static final Logger log = LoggerFactory.getLogger(PluginSupervisor.class);

  /** Failed health checks in a row after which a managed plugin is restarted. */
  private static final int UNHEALTHY_CHECKS_BEFORE_RESTART = 3;

  private final PluginManifest manifest;
  private final Connector connector;
  private final PluginDirectory directory;
  private final SupervisionSettings settings;
  private final String hostVersion;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile PluginConnection connection;

  /** Opens a connection to the plugin. */
  @FunctionalInterface
  interface Connector {
    PluginConnection connect(PluginManifest manifest) throws PluginStartException;
  }

  PluginSupervisor(
      PluginManifest manifest,
      Connector connector,
      PluginDirectory directory,
      SupervisionSettings settings,
      String hostVersion) {
    this.manifest = requireNonNull(manifest, "manifest");
    this.connector = requireNonNull(connector, "connector");
    this.directory = requireNonNull(directory, "directory");
    this.settings = requireNonNull(settings, "settings");
    this.hostVersion = requireNonNull(hostVersion, "hostVersion");
    this.thread =
        Thread.ofVirtual().name("plugin-" + manifest.id() + "-supervisor").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Returns the manifest this supervisor runs. */
  PluginManifest manifest() {
    return manifest;
  }

  private void run() {
    int failures = 0;
    while (!stopping) {
      try (PluginConnection opened = connector.connect(manifest)) {
        connection = opened;
        describe(opened);
        awaitServing(opened);
        failures = 0;
        log.info("Plugin {} is serving", manifest.id());
        String why = watch(opened);
        if (!stopping) {
          log.warn("Plugin {} {}; holding its deliveries and restarting it", manifest.id(), why);
        }
      } catch (PluginStartException e) {
        if (stopping) {
          break;
        }
        if (e.permanent()) {
          fail("cannot start: " + e.getMessage());
          return;
        }
        log.warn("Plugin {} did not start: {}", manifest.id(), e.getMessage());
      } catch (RuntimeException e) {
        if (stopping) {
          break;
        }
        log.warn("Plugin {} failed: {}", manifest.id(), e.toString());
      } finally {
        connection = null;
      }
      if (stopping) {
        break;
      }
      failures++;
      if (manifest.managed() && failures > settings.maxRestarts()) {
        fail("gave up after " + failures + " failed starts in a row");
        return;
      }
      directory.restarting(manifest.id());
      try {
        Thread.sleep(settings.backoff(failures)); // restart backoff, interrupted by stop()
      } catch (InterruptedException e) {
        break;
      }
    }
    directory.setState(manifest.id(), PluginState.STOPPED);
  }

  private void fail(String reason) {
    directory.setState(manifest.id(), PluginState.FAILED);
    log.error("Plugin {} is FAILED: {}; its deliveries stay pending", manifest.id(), reason);
  }

  private void describe(PluginConnection opened) throws PluginStartException {
    DescribeResponse response;
    try {
      response =
          PluginServiceGrpc.newBlockingStub(opened.channel())
              .withDeadlineAfter(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .describe(
                  DescribeRequest.newBuilder()
                      .setProtocolVersion(opened.protocolVersion())
                      .setHostVersion(hostVersion)
                      .build());
    } catch (StatusRuntimeException e) {
      throw new PluginStartException("Describe failed: " + e.getStatus(), e);
    }
    if (!response.getPluginId().equals(manifest.id())) {
      throw new PluginStartException(
          "Describe says plugin_id '"
              + response.getPluginId()
              + "', the manifest says '"
              + manifest.id()
              + "'",
          true);
    }
    SubscriptionNarrowing.Result narrowed =
        SubscriptionNarrowing.narrow(manifest.subscriptions(), response.getSubscriptionsList());
    narrowed
        .refusals()
        .forEach(
            refusal ->
                log.warn(
                    "Plugin {} asked to widen its subscriptions beyond its manifest, refused: {}",
                    manifest.id(),
                    refusal));
    Duration timeout = manifest.timeout();
    if (response.hasRequestedTimeout()) {
      Duration requested =
          Duration.ofSeconds(
              response.getRequestedTimeout().getSeconds(),
              response.getRequestedTimeout().getNanos());
      if (requested.isPositive() && requested.compareTo(timeout) < 0) {
        timeout = requested;
      }
    }
    int maxInFlight = manifest.maxInFlight();
    if (response.getMaxInFlight() > 0) {
      maxInFlight = Math.min(maxInFlight, response.getMaxInFlight());
    }
    directory.described(manifest.id(), narrowed.effective(), timeout, maxInFlight);
  }

  private void awaitServing(PluginConnection opened) throws PluginStartException {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    while (check(opened) != ServingStatus.SERVING) {
      if (stopping) {
        throw new PluginStartException("stopped while starting", false);
      }
      if (System.nanoTime() > deadline) {
        throw new PluginStartException(
            "not SERVING within " + settings.startTimeout() + " of starting", false);
      }
      if (waitForExit(opened, settings.healthInterval())) {
        throw new PluginStartException(opened.exited().join() + " before serving", false);
      }
    }
    directory.setState(manifest.id(), PluginState.SERVING);
  }

  /** Watches health until the process exits or stays unhealthy; returns why it stopped. */
  private String watch(PluginConnection opened) {
    int unhealthy = 0;
    while (!stopping) {
      if (waitForExit(opened, settings.healthInterval())) {
        directory.setState(manifest.id(), PluginState.RESTARTING);
        return opened.exited().join();
      }
      if (stopping) {
        break;
      }
      ServingStatus status = check(opened);
      if (status == ServingStatus.SERVING) {
        unhealthy = 0;
        directory.setState(manifest.id(), PluginState.SERVING);
        continue;
      }
      unhealthy++;
      directory.setState(manifest.id(), PluginState.NOT_SERVING);
      log.warn("Plugin {} health is {}; its deliveries are held", manifest.id(), status);
      if (opened.restartable() && unhealthy >= UNHEALTHY_CHECKS_BEFORE_RESTART) {
        return "stayed unhealthy for " + unhealthy + " checks";
      }
    }
    return "stopped";
  }

  private boolean waitForExit(PluginConnection opened, Duration wait) {
    try {
      opened.exited().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() interrupts; the callers' loops see stopping
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  private ServingStatus check(PluginConnection opened) {
    try {
      return HealthGrpc.newBlockingStub(opened.channel())
          .withDeadlineAfter(settings.healthInterval().toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService("plugin").build())
          .getStatus();
    } catch (StatusRuntimeException e) {
      return ServingStatus.UNKNOWN;
    }
  }

  /** Stops supervising and stops the plugin (SIGTERM, grace, SIGKILL). */
  void stop() {
    stopping = true;
    thread.interrupt();
    PluginConnection current = connection;
    if (current != null) {
      current.close();
    }
    try {
      thread.join(settings.shutdownGrace().plusSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
