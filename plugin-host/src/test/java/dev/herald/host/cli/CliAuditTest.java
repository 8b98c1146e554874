package dev.herald.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.admin.KeyRotation;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditFilter;
import dev.herald.core.audit.AuditLog;
import dev.herald.core.audit.StoredAuditEntry;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliAuditTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path folder;

  private static List<AuditEntry> entries(AuditLog log) {
    return log.list(AuditFilter.everything(), PageRequest.of(0, "")).items().stream()
        .map(StoredAuditEntry::entry)
        .toList();
  }

  @Test
  void recordsARotationAndOneThatFailedUnderTheCliName() {
    try (Database database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      AuditLog log = new AuditLog(database);
      CliAudit audit = new CliAudit(log, Clock.fixed(NOW, ZoneOffset.UTC), "cli:alice");

      assertThat(audit.keyRotation(() -> new KeyRotation.Result("k2", 3)).keyId()).isEqualTo("k2");
      assertThatThrownBy(
              () ->
                  audit.keyRotation(
                      () -> {
                        throw new IllegalStateException("the master key opens no data key");
                      }))
          .hasMessage("the master key opens no data key");

      assertThat(entries(log))
          .containsExactly(
              new AuditEntry(
                  NOW,
                  "cli:alice",
                  Optional.empty(),
                  "key.rotate",
                  Optional.empty(),
                  "INTERNAL",
                  Optional.of("the master key opens no data key"),
                  "{}"),
              new AuditEntry(
                  NOW,
                  "cli:alice",
                  Optional.empty(),
                  "key.rotate",
                  Optional.of("k2"),
                  AuditEntry.OK,
                  Optional.empty(),
                  "{\"resealed_endpoints\":3}"));
    }
  }
}
