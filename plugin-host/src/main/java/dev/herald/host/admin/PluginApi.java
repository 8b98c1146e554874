package dev.herald.host.admin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.AdminException;
import dev.herald.core.admin.DeliveryQueries;
import dev.herald.core.admin.EventLookup;
import dev.herald.core.admin.MissedEvents;
import dev.herald.core.admin.PluginControls;
import dev.herald.core.admin.Realms;
import dev.herald.core.admin.StuckTargets;
import dev.herald.core.admin.TargetStats;
import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.route.BreakerStatus;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.route.TargetHealth;
import dev.herald.core.rule.BodyTransform;
import dev.herald.core.rule.ContentPattern;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.rule.JsonTrees;
import dev.herald.core.rule.TransformFailedException;
import dev.herald.host.plugin.PluginDirectory;
import dev.herald.host.plugin.PluginHost;
import dev.herald.host.plugin.PluginSubscription;
import dev.herald.proto.admin.v1.GetPluginRequest;
import dev.herald.proto.admin.v1.ListPluginsRequest;
import dev.herald.proto.admin.v1.ListPluginsResponse;
import dev.herald.proto.admin.v1.PausePluginRequest;
import dev.herald.proto.admin.v1.Plugin;
import dev.herald.proto.admin.v1.PluginAdminServiceGrpc;
import dev.herald.proto.admin.v1.PluginState;
import dev.herald.proto.admin.v1.PreviewPluginDeliveryRequest;
import dev.herald.proto.admin.v1.PreviewPluginDeliveryResponse;
import dev.herald.proto.admin.v1.ReloadPluginsRequest;
import dev.herald.proto.admin.v1.ReloadPluginsResponse;
import dev.herald.proto.admin.v1.ResumePluginRequest;
import dev.herald.proto.event.v1.EventEnvelope;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plugins of the admin API: health, state, backlog and auto-disable; pause and resume (stored,
 * so they hold across restarts), with a replay of what an auto-disabled plugin missed; reload of
 * the manifest folder.
 */
final class PluginApi extends PluginAdminServiceGrpc.PluginAdminServiceImplBase {

  private final PluginDirectory directory;
  private final PluginControls controls;
  private final MissedEvents missed;
  private final DeliveryQueries deliveries;
  private final Supplier<PluginHost.Reload> reload;
  private final Function<TargetRef, BreakerStatus> breakers;
  private final StuckTargets stuck;
  private final EventLookup events;
  private final EnvelopeJson json;
  private final EventDocuments documents;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param reload re-reads the manifest folder and applies it
   * @param breakers each target's circuit breaker on this node
   * @param stuck which targets' stats say they are stuck
   * @param events where the events a preview shows are read
   * @param json renders envelopes as JSON, typed payloads included
   */
  PluginApi(
      PluginDirectory directory,
      PluginControls controls,
      MissedEvents missed,
      DeliveryQueries deliveries,
      Supplier<PluginHost.Reload> reload,
      Function<TargetRef, BreakerStatus> breakers,
      StuckTargets stuck,
      EventLookup events,
      EnvelopeJson json,
      Clock clock) {
    this.stuck = requireNonNull(stuck, "stuck");
    this.events = requireNonNull(events, "events");
    this.json = requireNonNull(json, "json");
    this.documents = new EventDocuments(json);
    this.breakers = requireNonNull(breakers, "breakers");
    this.directory = requireNonNull(directory, "directory");
    this.controls = requireNonNull(controls, "controls");
    this.missed = requireNonNull(missed, "missed");
    this.deliveries = requireNonNull(deliveries, "deliveries");
    this.reload = requireNonNull(reload, "reload");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public void listPlugins(ListPluginsRequest req, StreamObserver<ListPluginsResponse> out) {
    Realms scope = Caller.current().scope(req.getRealmId(), req.getAllRealms());
    Map<String, TargetStats> stats = deliveries.stats();
    ListPluginsResponse.Builder response = ListPluginsResponse.newBuilder();
    new TreeSet<>(directory.all().keySet())
        .forEach(
            id -> {
              PluginDirectory.Entry entry = directory.all().get(id);
              Optional<Set<String>> realms = realms(entry);
              boolean reaches = realms.isEmpty() || realms.get().stream().anyMatch(scope::contains);
              if (entry != null && reaches) {
                response.addPlugins(render(id, entry, stats));
              }
            });
    WebhookApi.reply(out, response.build());
  }

  @Override
  public void getPlugin(GetPluginRequest req, StreamObserver<Plugin> out) {
    WebhookApi.reply(out, render(req.getId(), visible(req.getId()), deliveries.stats()));
  }

  @Override
  public void pausePlugin(PausePluginRequest req, StreamObserver<Plugin> out) {
    WebhookApi.reply(out, setPaused(req.getId(), true));
  }

  /**
   * Lifts an operator's pause and Herald's auto-disable, stored first; the streak starts afresh,
   * and what the plugin missed while auto-disabled is counted, or replayed once it takes events.
   */
  @Override
  public void resumePlugin(ResumePluginRequest req, StreamObserver<Plugin> out) {
    String id = req.getId();
    visible(id);
    TargetRef target = new TargetRef(TargetRef.PLUGIN, id);
    Optional<TargetHealth> before = missed.health(target);
    missed.reset(target);
    directory.enable(id);
    Plugin resumed = setPaused(id, false);
    WebhookApi.reply(
        out,
        HealthMessages.resumed(resumed, missed.resumed(target, before, req.getReplayMissed())));
  }

  /** Stores the pause first, so that a restart right after still holds the plugin. */
  private Plugin setPaused(String id, boolean paused) {
    visible(id);
    controls.setPaused(id, paused);
    directory.setPaused(id, paused);
    return render(id, visible(id), deliveries.stats());
  }

  @Override
  public void reloadPlugins(ReloadPluginsRequest req, StreamObserver<ReloadPluginsResponse> out) {
    Caller.current().requireAllRealms("reload plugin manifests");
    PluginHost.Reload result = reload.get();
    WebhookApi.reply(
        out,
        ReloadPluginsResponse.newBuilder()
            .addAllStarted(result.started())
            .addAllRestarted(result.restarted())
            .addAllStopped(result.stopped())
            .addAllUnchanged(result.unchanged())
            .build());
  }

  @Override
  public void previewPluginDelivery(
      PreviewPluginDeliveryRequest req, StreamObserver<PreviewPluginDeliveryResponse> out) {
    visible(req.getPluginId());
    EventEnvelope event = PreviewedEvent.find(events, req.getEventId());
    WebhookApi.reply(out, preview(req.getPluginId(), event));
  }

  private PreviewPluginDeliveryResponse preview(String id, EventEnvelope event) {
    PreviewPluginDeliveryResponse.Builder preview = PreviewPluginDeliveryResponse.newBuilder();
    try {
      SubscriptionIndex.Selection selection = directory.preview(id, event);
      preview.setDocument(
          JsonTrees.text(selection.document().orElseGet(() -> documents.document(event))));
      if (selection.subscription().isEmpty()) {
        return preview.build();
      }
      preview.setSelected(true).setTransformed(selection.transform().isPresent());
      if (selection.subscription().get() instanceof PluginSubscription selecting) {
        preview.setSubscription(subscription(selecting));
      }
      try {
        preview.setEnvelope(json.render(selection.withTransformedPayload(event)));
      } catch (TransformFailedException e) {
        preview.setTransformError(e.getMessage());
      }
      return preview.build();
    } catch (IllegalArgumentException e) {
      throw AdminException.failedPrecondition(
          "event '" + event.getEventId() + "' cannot be rendered: " + e.getMessage());
    }
  }

  /** Returns the plugin if the caller's token covers every realm it reaches. */
  private PluginDirectory.Entry visible(String id) {
    PluginDirectory.Entry entry =
        directory.find(id).orElseThrow(() -> AdminException.notFound("plugin '" + id + "'"));
    Caller caller = Caller.current();
    Optional<Set<String>> realms = realms(entry);
    if (realms.isEmpty()) {
      caller.requireAllRealms("manage plugin '" + id + "', which receives every realm");
    } else {
      realms.get().forEach(caller::requireRealm);
    }
    return entry;
  }

  /** Returns the realms the plugin's subscriptions reach; empty for every realm. */
  private static Optional<Set<String>> realms(PluginDirectory.Entry entry) {
    Set<String> realms = new TreeSet<>();
    for (PluginSubscription subscription : entry.manifest().subscriptions()) {
      if (subscription.realms().isEmpty()) {
        return Optional.empty();
      }
      realms.addAll(subscription.realms());
    }
    return Optional.of(realms);
  }

  private Plugin render(String id, PluginDirectory.Entry entry, Map<String, TargetStats> stats) {
    TargetRef target = new TargetRef(TargetRef.PLUGIN, id);
    TargetStats backlog = stats.getOrDefault(target.key(), TargetStats.EMPTY);
    Instant now = clock.instant();
    Plugin.Builder plugin =
        Plugin.newBuilder()
            .setId(id)
            .setName(entry.manifest().name())
            .setVersion(entry.manifest().version())
            .setManaged(entry.manifest().managed())
            .setState(state(entry.state()))
            .setHealthy(entry.state() == dev.herald.host.plugin.PluginState.SERVING)
            .setPaused(directory.isPaused(id))
            .setStats(StatsMessages.of(backlog, now, stuck.stuck(target, backlog, now)))
            .setCircuitBreaker(BreakerMessages.of(breakers.apply(target)))
            .setRateLimit(entry.manifest().rateLimit().map(Object::toString).orElse(""));
    entry.manifest().ordering().ifPresent(o -> plugin.setOrdering(OrderingMessages.of(o)));
    directory.disabledReason(id).ifPresent(plugin::setDisabledReason);
    plugin.setRestarts(Math.toIntExact(Math.min(Integer.MAX_VALUE, directory.restarts(id))));
    directory.lastRestartAt(id).ifPresent(at -> plugin.setLastRestartAt(ProtoTime.timestamp(at)));
    HealthMessages.plugin(plugin, missed.health(target));
    realms(entry).ifPresent(plugin::addAllRealms);
    entry.subscriptions().stream()
        .flatMap(s -> s.eventTypes().stream())
        .map(Object::toString)
        .distinct()
        .forEach(plugin::addEventTypes);
    entry.subscriptions().forEach(s -> plugin.addSubscriptions(subscription(s)));
    return plugin.build();
  }

  private static dev.herald.proto.admin.v1.PluginSubscription subscription(
      PluginSubscription subscription) {
    return dev.herald.proto.admin.v1.PluginSubscription.newBuilder()
        .addAllEventTypes(subscription.eventTypes().stream().map(Object::toString).toList())
        .addAllEventVersions(new TreeSet<>(subscription.eventVersions()))
        .addAllRealms(new TreeSet<>(subscription.realms()))
        .setContentPattern(subscription.contentPattern().map(ContentPattern::json).orElse(""))
        .setTransform(subscription.transform().map(BodyTransform::expression).orElse(""))
        .build();
  }

  private static PluginState state(dev.herald.host.plugin.PluginState state) {
    return switch (state) {
      case STARTING -> PluginState.PLUGIN_STATE_STARTING;
      case SERVING -> PluginState.PLUGIN_STATE_SERVING;
      case NOT_SERVING -> PluginState.PLUGIN_STATE_NOT_SERVING;
      case RESTARTING -> PluginState.PLUGIN_STATE_RESTARTING;
      case FAILED -> PluginState.PLUGIN_STATE_FAILED;
      case STOPPED -> PluginState.PLUGIN_STATE_STOPPED;
    };
  }
}
