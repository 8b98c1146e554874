package dev.herald.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.admin.Realms;
import dev.herald.core.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every audit log store does, whatever its database; one subclass per database. */
abstract class AuditLogStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** Opens the test's database: a new one on the first call, the same one on later calls. */
  protected abstract Database open(Path folder);

  @TempDir Path folder;

  private final AuditLogStore store = new JooqAuditLogStore();

  private static AuditEntry entry(
      int minute, String token, String realm, String action, String target, String outcome) {
    return new AuditEntry(
        T0.plusSeconds(60L * minute),
        token,
        Optional.ofNullable(realm),
        action,
        Optional.ofNullable(target),
        outcome,
        outcome.equals(AuditEntry.OK) ? Optional.empty() : Optional.of("refused: " + action),
        "{\"id\":\"" + target + "\"}");
  }

  private static final List<AuditEntry> ENTRIES =
      List.of(
          entry(0, "ops", "acme", "webhook.create", "crm", AuditEntry.OK),
          entry(1, "ops", "acme", "webhook.pause", "crm", AuditEntry.OK),
          entry(2, "acme-admin", "acme", "webhook.create", "bad", "INVALID_ARGUMENT"),
          entry(3, "ops", "globex", "webhook.create", "erp", AuditEntry.OK),
          entry(4, "ops", null, "plugin.pause", "mirror", AuditEntry.OK),
          entry(5, "cli:root", null, "key.rotate", null, AuditEntry.OK));

  private void appendAll(Database database) {
    database.write(
        tx -> {
          ENTRIES.forEach(e -> store.append(tx, e));
          return null;
        });
  }

  private static List<String> actionsAndTargets(Page<StoredAuditEntry> page) {
    return page.items().stream()
        .map(s -> s.entry().action() + ":" + s.entry().target().orElse("-"))
        .toList();
  }

  private Page<StoredAuditEntry> list(Database database, AuditFilter filter, PageRequest page) {
    return database.read(ctx -> store.list(ctx, filter, page));
  }

  @Test
  void keepsEveryFieldAndListsNewestFirstAcrossAReopen() {
    try (Database database = open(folder)) {
      appendAll(database);
    }
    try (Database reopened = open(folder)) {
      Page<StoredAuditEntry> all = list(reopened, AuditFilter.everything(), PageRequest.of(0, ""));
      assertThat(all.items())
          .extracting(StoredAuditEntry::entry)
          .containsExactlyElementsOf(ENTRIES.reversed());
      assertThat(all.items())
          .extracting(StoredAuditEntry::id)
          .isSortedAccordingTo((a, b) -> b.compareTo(a));
      assertThat(all.nextPageToken()).isEmpty();
    }
  }

  @Test
  void filtersByEveryCondition() {
    try (Database database = open(folder)) {
      appendAll(database);
      PageRequest page = PageRequest.of(0, "");
      assertThat(
              actionsAndTargets(
                  list(
                      database,
                      where(null, null, "acme-admin", null, null, null, null, null),
                      page)))
          .containsExactly("webhook.create:bad");
      assertThat(
              actionsAndTargets(
                  list(
                      database,
                      where(null, null, null, "webhook.create", null, null, null, null),
                      page)))
          .containsExactly("webhook.create:erp", "webhook.create:bad", "webhook.create:crm");
      assertThat(
              actionsAndTargets(
                  list(database, where(null, null, null, null, "globex", null, null, null), page)))
          .containsExactly("webhook.create:erp");
      assertThat(
              actionsAndTargets(
                  list(database, where(null, null, null, null, null, "crm", null, null), page)))
          .containsExactly("webhook.pause:crm", "webhook.create:crm");
      assertThat(
              actionsAndTargets(
                  list(database, where(null, null, null, null, null, null, false, null), page)))
          .containsExactly("webhook.create:bad");
      assertThat(
              list(database, where(null, null, null, null, null, null, true, null), page).items())
          .hasSize(5);
      // from is inclusive, to exclusive
      assertThat(
              actionsAndTargets(
                  list(
                      database,
                      where(
                          T0.plusSeconds(60),
                          T0.plusSeconds(180),
                          null,
                          null,
                          null,
                          null,
                          null,
                          null),
                      page)))
          .containsExactly("webhook.create:bad", "webhook.pause:crm");
      // A token of some realms sees those realms' entries, never realm-less ones.
      assertThat(
              actionsAndTargets(
                  list(
                      database,
                      where(null, null, null, null, null, null, null, Set.of("acme")),
                      page)))
          .containsExactly("webhook.create:bad", "webhook.pause:crm", "webhook.create:crm");
      assertThat(
              list(
                      database,
                      where(null, null, null, null, "globex", null, null, Set.of("acme")),
                      page)
                  .items())
          .isEmpty();
    }
  }

  @Test
  void pagesWithTokensUntilTheLastPage() {
    try (Database database = open(folder)) {
      appendAll(database);
      Page<StoredAuditEntry> first =
          list(database, AuditFilter.everything(), PageRequest.of(4, ""));
      assertThat(actionsAndTargets(first))
          .containsExactly(
              "key.rotate:-", "plugin.pause:mirror", "webhook.create:erp", "webhook.create:bad");
      assertThat(first.nextPageToken()).isNotEmpty();
      Page<StoredAuditEntry> second =
          list(database, AuditFilter.everything(), PageRequest.of(4, first.nextPageToken()));
      assertThat(actionsAndTargets(second))
          .containsExactly("webhook.pause:crm", "webhook.create:crm");
      assertThat(second.nextPageToken()).isEmpty();
    }
  }

  private int purge(Database database, Instant cutoff, int limit) {
    return database.write(tx -> store.purgeOlderThan(tx, cutoff, limit));
  }

  @Test
  void purgesOnlyOlderEntriesOldestFirstUpToTheLimit() {
    try (Database database = open(folder)) {
      appendAll(database);
      Instant cutoff = T0.plusSeconds(60 * 4); // entries of minutes 0..3 are older
      assertThat(purge(database, cutoff, 3)).isEqualTo(3);
      assertThat(actionsAndTargets(list(database, AuditFilter.everything(), PageRequest.of(0, ""))))
          .containsExactly("key.rotate:-", "plugin.pause:mirror", "webhook.create:erp");
      assertThat(purge(database, cutoff, 3)).isEqualTo(1);
      assertThat(purge(database, cutoff, 3)).isZero();
      assertThat(list(database, AuditFilter.everything(), PageRequest.of(0, "")).items())
          .hasSize(2);
      assertThatThrownBy(() -> purge(database, cutoff, 0))
          .hasMessageContaining("limit: 0 (expected: > 0)");
    }
  }

  /** Returns a filter; null means the condition is absent, a null {@code visible} every realm. */
  private static AuditFilter where(
      Instant from,
      Instant to,
      String token,
      String action,
      String realm,
      String target,
      Boolean succeeded,
      Set<String> visible) {
    return new AuditFilter(
        Optional.ofNullable(from),
        Optional.ofNullable(to),
        Optional.ofNullable(token),
        Optional.ofNullable(action),
        Optional.ofNullable(realm),
        Optional.ofNullable(target),
        Optional.ofNullable(succeeded),
        visible == null ? Realms.all() : Realms.of(visible));
  }
}
