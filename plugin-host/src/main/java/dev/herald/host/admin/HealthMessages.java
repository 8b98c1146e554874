package dev.herald.host.admin;

import com.google.protobuf.Timestamp;
import dev.herald.core.admin.MissedEvents;
import dev.herald.core.route.TargetHealth;
import dev.herald.proto.admin.v1.Plugin;
import dev.herald.proto.admin.v1.Webhook;
import java.util.Optional;
import java.util.function.Consumer;

/** Renders a target's failure streak, its auto-disable and what a resume found it missed. */
final class HealthMessages {

  private HealthMessages() {}

  /** Sets a webhook's auto-disable time and failure streak. */
  static Webhook.Builder webhook(Webhook.Builder message, Optional<TargetHealth> health) {
    times(health, message::setAutoDisabledAt, message::setFailingSince);
    return message;
  }

  /** Sets a plugin's auto-disable time and failure streak. */
  static Plugin.Builder plugin(Plugin.Builder message, Optional<TargetHealth> health) {
    times(health, message::setAutoDisabledAt, message::setFailingSince);
    return message;
  }

  /** Sets on a resume's answer what the webhook missed while it was auto-disabled. */
  static Webhook resumed(Webhook webhook, MissedEvents.Resumption missed) {
    return webhook.toBuilder()
        .setMissedEvents(missed.missed())
        .setMissedReplayed(missed.replayed())
        .build();
  }

  /** Sets on a resume's answer what the plugin missed while it was auto-disabled. */
  static Plugin resumed(Plugin plugin, MissedEvents.Resumption missed) {
    return plugin.toBuilder()
        .setMissedEvents(missed.missed())
        .setMissedReplayed(missed.replayed())
        .build();
  }

  private static void times(
      Optional<TargetHealth> health,
      Consumer<Timestamp> disabledAt,
      Consumer<Timestamp> failingSince) {
    health.flatMap(TargetHealth::disabledAt).map(ProtoTime::timestamp).ifPresent(disabledAt);
    health.flatMap(TargetHealth::failingSince).map(ProtoTime::timestamp).ifPresent(failingSince);
  }
}
