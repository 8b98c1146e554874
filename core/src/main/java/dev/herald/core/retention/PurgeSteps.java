package dev.herald.core.retention;

import dev.herald.core.Stores;
import dev.herald.core.audit.AuditLogStore;
import dev.herald.core.audit.JooqAuditLogStore;
import dev.herald.core.route.DeliveryStatus;
import dev.herald.core.route.DeliveryStore;
import dev.herald.core.store.PurgedRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps that carry out a {@link RetentionPolicy} on Herald's own tables. */
public final class PurgeSteps {

  private PurgeSteps() {}

  /**
   * Returns the steps of {@code policy}, in the order they must run: attempt logs, then finished
   * deliveries (each with its log), then events, which go only once none of their deliveries is
   * left, and inbound delivery ids and audit entries as old as the events kept. Rows kept forever
   * have no step.
   */
  public static List<PurgeStep> of(Stores stores, RetentionPolicy policy) {
    DeliveryStore deliveries = stores.deliveries();
    List<PurgeStep> steps = new ArrayList<>();
    policy
        .attemptLogs()
        .ifPresent(
            keep -> steps.add(new PurgeStep("delivery_logs", keep, deliveries::purgeAttemptLogs)));
    addFinished(steps, deliveries, DeliveryStatus.SUCCEEDED, policy.succeeded());
    addFinished(steps, deliveries, DeliveryStatus.DEAD, policy.dead());
    addFinished(steps, deliveries, DeliveryStatus.DISCARDED, policy.dead());
    policy
        .events()
        .ifPresent(
            keep -> steps.add(new PurgeStep("event_outbox", keep, stores.outbox()::purgeDone)));
    // A provider's delivery ids are remembered as long as the events they became.
    policy
        .events()
        .ifPresent(
            keep ->
                steps.add(
                    new PurgeStep(
                        "inbound_deliveries", keep, stores.inboundSources()::purgeDeliveryIds)));
    // Audit entries are kept as long as the events whose handling they record.
    AuditLogStore audit = new JooqAuditLogStore();
    policy
        .events()
        .ifPresent(
            keep ->
                steps.add(
                    new PurgeStep(
                        "audit_log",
                        keep,
                        (tx, afterId, before, limit) -> {
                          int deleted = audit.purgeOlderThan(tx, before, limit);
                          return new PurgedRows(deleted, afterId, deleted < limit);
                        })));
    return List.copyOf(steps);
  }

  private static void addFinished(
      List<PurgeStep> steps,
      DeliveryStore deliveries,
      DeliveryStatus status,
      Optional<Duration> keep) {
    keep.ifPresent(
        age ->
            steps.add(
                new PurgeStep(
                    "deliveries." + status.dbValue(),
                    age,
                    (tx, afterId, before, limit) -> {
                      int deleted = deliveries.purgeFinished(tx, status, before, limit);
                      // Every row found is deleted, so each batch starts from the oldest again.
                      return new PurgedRows(deleted, afterId, deleted < limit);
                    })));
  }
}
