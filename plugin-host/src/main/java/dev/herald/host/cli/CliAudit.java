package dev.herald.host.cli;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.KeyRotation;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditLog;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records the changes the command line makes outside the API in the same audit log, under the token
 * name {@code cli:<os user>}.
 */
final class CliAudit {

  private final AuditLog log;
  private final Clock clock;
  private final String tokenName;

  CliAudit(AuditLog log, Clock clock) {
    this(log, clock, "cli:" + System.getProperty("user.name", "unknown"));
  }

  CliAudit(AuditLog log, Clock clock, String tokenName) {
    this.log = requireNonNull(log, "log");
    this.clock = requireNonNull(clock, "clock");
    this.tokenName = requireNonNull(tokenName, "tokenName");
  }

  /** Runs a key rotation and records it as {@code key.rotate}, whether it worked or not. */
  KeyRotation.Result keyRotation(Supplier<KeyRotation.Result> rotation) {
    KeyRotation.Result result;
    try {
      result = rotation.get();
    } catch (RuntimeException e) {
      record(Optional.empty(), "INTERNAL", Optional.of(String.valueOf(e.getMessage())), "{}");
      throw e;
    }
    record(
        Optional.of(result.keyId()),
        AuditEntry.OK,
        Optional.empty(),
        "{\"resealed_endpoints\":" + result.resealed() + "}");
    return result;
  }

  private void record(
      Optional<String> target, String outcome, Optional<String> message, String details) {
    log.record(
        new AuditEntry(
            clock.instant(),
            tokenName,
            Optional.empty(),
            "key.rotate",
            target,
            outcome,
            message,
            details));
  }
}
