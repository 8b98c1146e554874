package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.limit.Rate;
import dev.herald.core.route.Ordering;
import dev.herald.core.route.RoutedEvent;
import dev.herald.core.route.SubscriptionIndex;
import dev.herald.core.route.TargetDirectory;
import dev.herald.core.rule.EventDocuments;
import dev.herald.proto.event.v1.EventEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router knows of plugins: their effective subscriptions (the manifest's, possibly
 * narrowed by Describe, with the manifest's content patterns and transforms), their state, whether
 * they are paused or auto-disabled (an auto-disabled plugin gets no new deliveries), and the limits
 * each call runs under. Routing goes through a {@link SubscriptionIndex} rebuilt whenever a
 * plugin's subscriptions change.
 */
public final class PluginDirectory implements TargetDirectory {

  private static final Logger log = LoggerFactory.getLogger(PluginDirectory.class);

  /** One plugin as the router sees it. */
  public record Entry(
      PluginManifest manifest,
      List<PluginSubscription> subscriptions,
      PluginState state,
      Duration timeout,
      int maxInFlight) {

    public Entry {
      requireNonNull(manifest, "manifest");
      subscriptions = List.copyOf(subscriptions);
      requireNonNull(state, "state");
      requireNonNull(timeout, "timeout");
    }

    Entry withState(PluginState newState) {
      return new Entry(manifest, subscriptions, newState, timeout, maxInFlight);
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  // Plugins Herald auto-disabled after nothing but failures, with the reason; stored by the router.
  private final Map<String, String> disabled = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastRestartAt = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Runnable changed;
  private final EventDocuments documents;
  private volatile SubscriptionIndex index;
  // Plugins with a transform in some subscription: the others' attempts need no selection.
  private volatile Set<String> transforming = Set.of();
  // Whether some plugin is ordered: the router then needs every event's envelope.
  private volatile boolean anyOrdered;

  /**
   * Creates an empty directory.
   *
   * @param changed called when a plugin becomes SERVING, so the router looks for its work at once
   * @param documents how events are rendered for content patterns and transforms
   */
  public PluginDirectory(Runnable changed, EventDocuments documents) {
    this(changed, documents, Clock.systemUTC());
  }

  /** Creates an empty directory that reads the time of restarts from {@code clock}. */
  public PluginDirectory(Runnable changed, EventDocuments documents, Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.changed = requireNonNull(changed, "changed");
    this.documents = requireNonNull(documents, "documents");
    this.index = SubscriptionIndex.of(Map.of(), documents);
  }

  /** Adds a plugin, not yet serving, with its manifest's subscriptions and limits. */
  public void register(PluginManifest manifest) {
    entries.put(
        manifest.id(),
        new Entry(
            manifest,
            manifest.subscriptions(),
            PluginState.STARTING,
            manifest.timeout(),
            manifest.maxInFlight()));
    reindex();
  }

  /** Applies what Describe returned: narrowed subscriptions and the smaller limits. */
  public void described(
      String id, List<PluginSubscription> subscriptions, Duration timeout, int maxInFlight) {
    entries.computeIfPresent(
        id, (key, e) -> new Entry(e.manifest(), subscriptions, e.state(), timeout, maxInFlight));
    reindex();
  }

  /** Records a plugin's new state. */
  public void setState(String id, PluginState state) {
    Entry updated = entries.computeIfPresent(id, (key, e) -> e.withState(state));
    if (updated != null && state == PluginState.SERVING) {
      changed.run();
    }
  }

  /** Records that the plugin is down and a restart of it is scheduled. */
  public void restarting(String id) {
    lastRestartAt.put(id, clock.instant());
    restarts.computeIfAbsent(id, key -> new AtomicLong()).incrementAndGet();
    setState(id, PluginState.RESTARTING);
  }

  /** Returns when the plugin's last restart began (it went down); empty when it never did. */
  public Optional<Instant> lastRestartAt(String id) {
    return Optional.ofNullable(lastRestartAt.get(id));
  }

  /** Returns how many restarts of the plugin were scheduled since the host started. */
  public long restarts(String id) {
    AtomicLong count = restarts.get(id);
    return count == null ? 0 : count.get();
  }

  /**
   * Holds or releases a plugin's deliveries at an operator's request, once the request is stored; a
   * resume wakes the router.
   *
   * <p>This and every other change of pauses and auto-disables take the lock {@link #reload} holds
   * from its read to its apply, so a reload that read before a change was stored cannot undo it.
   */
  public synchronized void setPaused(String id, boolean hold) {
    if (hold) {
      paused.add(id);
    } else if (paused.remove(id)) {
      changed.run();
    }
  }

  /**
   * Takes the stored pauses and auto-disables (perhaps changed by another node) as they are: holds
   * exactly the plugins {@code paused} returns, keeps new deliveries from the plugins {@code
   * disabled} returns, and releases the rest; returns whether anything changed.
   */
  public synchronized boolean reload(
      Supplier<Set<String>> paused, Supplier<Map<String, String>> disabled) {
    boolean pausesChanged = applyPaused(paused.get());
    boolean disablesChanged = applyDisabled(disabled.get());
    return pausesChanged || disablesChanged;
  }

  private boolean applyPaused(Set<String> ids) {
    boolean changed = false;
    for (String id : Set.copyOf(paused)) {
      if (!ids.contains(id)) {
        setPaused(id, false);
        changed = true;
      }
    }
    for (String id : ids) {
      if (!paused.contains(id)) {
        setPaused(id, true);
        changed = true;
      }
    }
    return changed;
  }

  private boolean applyDisabled(Map<String, String> reasons) {
    if (disabled.equals(reasons)) {
      return false;
    }
    boolean released = !reasons.keySet().containsAll(disabled.keySet());
    disabled.keySet().retainAll(reasons.keySet());
    disabled.putAll(reasons);
    if (released) {
      changed.run();
    }
    return true;
  }

  /** Lets an auto-disabled plugin take deliveries again (an operator resumed it, stored first). */
  public synchronized void enable(String id) {
    if (disabled.remove(id) != null) {
      changed.run();
    }
  }

  /** Returns why Herald auto-disabled the plugin, when it did. */
  public Optional<String> disabledReason(String id) {
    return Optional.ofNullable(disabled.get(id));
  }

  /** Returns whether an operator paused the plugin. */
  public boolean isPaused(String id) {
    return paused.contains(id);
  }

  /**
   * Keeps a plugin whose manifest was removed as STOPPED with no subscriptions: it gets no new
   * deliveries and its waiting ones stay pending.
   */
  public void retire(String id) {
    entries.computeIfPresent(
        id,
        (key, e) ->
            new Entry(e.manifest(), List.of(), PluginState.STOPPED, e.timeout(), e.maxInFlight()));
    reindex();
  }

  /**
   * Rebuilds the index from the entries as they are now; serialised, so the last rebuild sees every
   * change made before it.
   */
  private synchronized void reindex() {
    Map<TargetRef, List<PluginSubscription>> byTarget = new LinkedHashMap<>();
    Set<String> withTransforms = new HashSet<>();
    entries.forEach(
        (id, entry) -> {
          byTarget.put(target(id), entry.subscriptions());
          if (entry.subscriptions().stream().anyMatch(s -> s.transform().isPresent())) {
            withTransforms.add(id);
          }
        });
    index = SubscriptionIndex.of(byTarget, documents);
    transforming = Set.copyOf(withTransforms);
    anyOrdered = entries.values().stream().anyMatch(e -> e.manifest().ordering().isPresent());
  }

  private static TargetRef target(String id) {
    return new TargetRef(TargetRef.PLUGIN, id);
  }

  /** Returns one plugin's entry. */
  public Optional<Entry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Returns every plugin's entry, by id. */
  public Map<String, Entry> all() {
    return new LinkedHashMap<>(entries);
  }

  /** Returns the Deliver deadline of a plugin. */
  public Optional<Duration> timeout(String id) {
    return find(id).map(Entry::timeout);
  }

  @Override
  public List<TargetRef> subscribers(RoutedEvent routed) {
    List<TargetRef> targets = index.subscribers(routed);
    return disabled.isEmpty()
        ? targets
        : targets.stream().filter(target -> !disabled.containsKey(target.id())).toList();
  }

  @Override
  public Optional<EventDocuments> contentDocuments() {
    return anyOrdered ? Optional.of(documents) : index.contentDocuments();
  }

  /**
   * Returns what the plugin receives of the event: the subscription selecting it first, whose
   * transform reshapes the payload. For a plugin with no transform at all, nothing is looked up (no
   * document rendered): the selection is empty and the envelope goes as published.
   */
  public SubscriptionIndex.Selection select(String id, EventEnvelope envelope) {
    if (!transforming.contains(id)) {
      return new SubscriptionIndex.Selection(Optional.empty(), Optional.empty());
    }
    return index.select(target(id), envelope);
  }

  /**
   * Returns the subscription of the plugin that selects the event first, looked up even when no
   * subscription transforms (for the admin preview).
   */
  public SubscriptionIndex.Selection preview(String id, EventEnvelope envelope) {
    return index.select(target(id), envelope);
  }

  @Override
  public Collection<TargetRef> targets() {
    return entries.keySet().stream().map(PluginDirectory::target).toList();
  }

  @Override
  public Set<TargetRef> held() {
    Set<TargetRef> held = new HashSet<>();
    entries.forEach(
        (id, entry) -> {
          if (entry.state() != PluginState.SERVING
              || paused.contains(id)
              || disabled.containsKey(id)) {
            held.add(target(id));
          }
        });
    return held;
  }

  @Override
  public int maxInFlight(TargetRef target) {
    Entry entry = entries.get(target.id());
    return entry == null ? 1 : entry.maxInFlight();
  }

  @Override
  public Optional<Rate> rateLimit(TargetRef target) {
    Entry entry = entries.get(target.id());
    return entry == null ? Optional.empty() : entry.manifest().rateLimit();
  }

  @Override
  public Optional<Ordering> ordering(TargetRef target) {
    Entry entry = entries.get(target.id());
    return entry == null ? Optional.empty() : entry.manifest().ordering();
  }

  @Override
  public void targetGone(TargetRef target, String reason) {
    // Plugins have no "gone" answer; a rejected delivery is dead-lettered on its own.
    log.warn("Plugin {} reported gone ({}); ignoring", target.id(), reason);
  }

  @Override
  public synchronized void targetDisabled(TargetRef target, String reason) {
    disabled.put(target.id(), reason);
  }
}
