package dev.herald.host.admin;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.FieldViolation;
import java.util.List;
import java.util.Optional;

/** Reads the {@code webhook_id} / {@code plugin_id} pair that lists and replays filter by. */
final class TargetFilters {

  private TargetFilters() {}

  /** Returns the target named by at most one of the two ids; both set is a violation. */
  static Optional<TargetRef> target(String webhookId, String pluginId, List<FieldViolation> found) {
    if (!webhookId.isEmpty() && !pluginId.isEmpty()) {
      found.add(new FieldViolation("plugin_id", "set with webhook_id (expected: at most one)"));
      return Optional.empty();
    }
    if (!webhookId.isEmpty()) {
      return Optional.of(TargetRef.webhook(webhookId));
    }
    return pluginId.isEmpty()
        ? Optional.empty()
        : Optional.of(new TargetRef(TargetRef.PLUGIN, pluginId));
  }
}
