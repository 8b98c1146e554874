package dev.herald.host.admin;

import dev.herald.core.route.BreakerStatus;
import dev.herald.proto.admin.v1.CircuitBreaker;
import dev.herald.proto.admin.v1.CircuitState;

/** Renders a target's circuit breaker for the admin API. */
final class BreakerMessages {

  private BreakerMessages() {}

  static CircuitBreaker of(BreakerStatus status) {
    CircuitBreaker.Builder message =
        CircuitBreaker.newBuilder()
            .setState(
                switch (status.state()) {
                  case CLOSED -> CircuitState.CIRCUIT_STATE_CLOSED;
                  case OPEN -> CircuitState.CIRCUIT_STATE_OPEN;
                  case HALF_OPEN -> CircuitState.CIRCUIT_STATE_HALF_OPEN;
                })
            .setConsecutiveFailures(status.consecutiveFailures());
    status.openUntil().ifPresent(until -> message.setOpenUntil(ProtoTime.timestamp(until)));
    return message.build();
  }
}
