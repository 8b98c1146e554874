package dev.herald.core.route;

import dev.herald.core.dispatch.DeliveryAttempt;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryResult;
import dev.herald.core.dispatch.Dispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A receiver of ordered events that fails, times out and rejects at random, and records every way
 * order could be broken: an attempt for an event that arrives before every earlier event of its key
 * was acknowledged (or given up: dead and skipped, or discarded), or two attempts of one key under
 * way at once.
 */
final class OrderedReceiver implements Dispatcher {

  /** An event sent: its key and its place in the key (0, 1, ...). */
  record Sent(String key, int seq) {}

  private final Map<String, Sent> sent;
  private final double failRate;
  private final double timeoutRate;
  private final Set<String> poison;
  private final long seed;
  private final boolean skipsDead;
  private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();

  private final Map<String, Integer> underWay = new HashMap<>();
  private final Map<String, Set<Integer>> settled = new HashMap<>(); // acknowledged or given up
  private final Set<String> cured = new HashSet<>();
  private final List<String> violations = new ArrayList<>();
  private int arrivals;

  OrderedReceiver(
      Map<String, Sent> sent,
      double failRate,
      double timeoutRate,
      Set<String> poison,
      long seed,
      DeadHeadPolicy onDead) {
    this.sent = Map.copyOf(sent);
    this.skipsDead = onDead == DeadHeadPolicy.SKIP;
    this.failRate = failRate;
    this.timeoutRate = timeoutRate;
    this.poison = Set.copyOf(poison);
    this.seed = seed;
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public CompletableFuture<DeliveryResult> dispatch(DeliveryAttempt attempt) {
    String eventId = attempt.envelope().getEventId();
    Sent event = sent.get(eventId);
    DeliveryResult result;
    synchronized (this) {
      arrivals++;
      if (underWay.merge(event.key(), 1, Integer::sum) > 1) {
        violations.add(event + " arrived while another attempt of its key was under way");
      }
      Set<Integer> done = settled.getOrDefault(event.key(), Set.of());
      for (int earlier = 0; earlier < event.seq(); earlier++) {
        if (!done.contains(earlier)) {
          violations.add(event + " arrived before seq " + earlier + " of its key was settled");
          break;
        }
      }
      result = answer(eventId, attempt.attempt());
      // Acknowledged; or rejected where the key goes on without it.
      if (result.outcome() instanceof DeliveryOutcome.Delivered
          || (skipsDead && result.outcome() instanceof DeliveryOutcome.Rejected)) {
        settled(eventId);
      }
    }
    return CompletableFuture.supplyAsync(
        () -> {
          synchronized (this) {
            underWay.merge(event.key(), -1, Integer::sum);
          }
          return result;
        },
        answers);
  }

  private DeliveryResult answer(String eventId, int attempt) {
    if (poison.contains(eventId) && !cured.contains(eventId)) {
      return DeliveryResult.rejected("poison", "this event is never accepted");
    }
    // Failures stop after the third attempt: only poison is ever dead-lettered.
    double roll = new SplittableRandom(seed ^ eventId.hashCode() * 31L + attempt).nextDouble();
    if (attempt <= 3 && roll < failRate) {
      return DeliveryResult.retry(null, "http_status", "HTTP 500").withHttp(500, "boom");
    }
    if (attempt <= 3 && roll < failRate + timeoutRate) {
      // Processed here, but the answer never reached Herald: at-least-once sends it again.
      return DeliveryResult.retry(null, "timeout", "no answer in time");
    }
    return DeliveryResult.delivered().withHttp(204, "");
  }

  /** Records that an operator gave up on the event, or that it died on a key that skips. */
  synchronized void settled(String eventId) {
    Sent event = sent.get(eventId);
    settled.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.seq());
  }

  /** Makes a poison event acceptable from now on (an operator fixed the receiver). */
  synchronized void cure(String eventId) {
    cured.add(eventId);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized int arrivals() {
    return arrivals;
  }

  void close() {
    answers.shutdown();
  }
}
