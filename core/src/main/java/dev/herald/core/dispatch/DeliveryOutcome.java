package dev.herald.core.dispatch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** What a target made of one attempt; the router turns it into the delivery's next state. */
public sealed interface DeliveryOutcome {

  /** The target accepted the event. */
  record Delivered() implements DeliveryOutcome {}

  /** A transient failure: try again, no sooner than {@code after} when the target said so. */
  record Retry(Optional<Duration> after) implements DeliveryOutcome {
    public Retry {
      requireNonNull(after, "after");
    }

    public static Retry now() {
      return new Retry(Optional.empty());
    }
  }

  /** A permanent failure of this event at this target: dead-letter it now. */
  record Rejected(String reason) implements DeliveryOutcome {
    public Rejected {
      requireNonNull(reason, "reason");
    }
  }

  /** The target is gone for good (e.g. HTTP 410): dead-letter and disable the target. */
  record Gone(String reason) implements DeliveryOutcome {
    public Gone {
      requireNonNull(reason, "reason");
    }
  }
}
