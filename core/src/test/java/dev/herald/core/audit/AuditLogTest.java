package dev.herald.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  private static final AuditEntry ENTRY =
      new AuditEntry(
          Instant.parse("2026-03-01T00:00:00Z"),
          "ops",
          Optional.of("acme"),
          "webhook.pause",
          Optional.of("crm"),
          AuditEntry.OK,
          Optional.empty(),
          "{\"id\":\"crm\"}");

  @TempDir Path folder;

  @Test
  void anEntryThatCannotBeWrittenIsLoggedNotThrown() {
    try (Database database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      AuditLogStore broken =
          new AuditLogStore() {
            @Override
            public long append(DSLContext tx, AuditEntry entry) {
              throw new IllegalStateException("disk full");
            }

            @Override
            public Page<StoredAuditEntry> list(
                DSLContext ctx, AuditFilter filter, PageRequest page) {
              return new Page<>(java.util.List.of(), "");
            }

            @Override
            public int purgeOlderThan(DSLContext tx, Instant cutoff, int limit) {
              return 0;
            }
          };
      assertThatCode(() -> new AuditLog(database, broken).record(ENTRY)).doesNotThrowAnyException();
    }
  }

  @Test
  void recordsAndListsThroughTheTable() {
    try (Database database = SqliteDatabase.open(folder.resolve("herald.db"))) {
      AuditLog log = new AuditLog(database);
      log.record(ENTRY);
      assertThat(log.list(AuditFilter.everything(), PageRequest.of(0, "")).items())
          .extracting(StoredAuditEntry::entry)
          .containsExactly(ENTRY);
    }
  }
}
