package dev.herald.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Database;
import dev.herald.core.store.SqliteDatabase;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

class SqliteEventSearchTest extends EventSearchContract {

  @Override
  protected Database open(Path folder) {
    return SqliteDatabase.open(folder.resolve("herald.db"));
  }

  @Override
  protected DataSource dataSource(Path folder) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + folder.resolve("herald.db").toAbsolutePath());
    return dataSource;
  }

  @Override
  protected String vendor() {
    return "sqlite";
  }

  @Test
  void findsBySubjectAndCorrelationThroughTheirPartialIndexes() {
    try (Database database = open(folder)) {
      assertThat(plan(database, filter(Optional.of("u1"), Optional.empty())))
          .contains("USING INDEX event_outbox_subject");
      assertThat(plan(database, filter(Optional.empty(), Optional.of("c1"))))
          .contains("USING INDEX event_outbox_correlation");
    }
  }

  private static EventFilter filter(Optional<String> subjectId, Optional<String> correlationId) {
    EventFilter all = EventFilter.of(Realms.one("acme"));
    return new EventFilter(
        all.eventId(),
        all.eventType(),
        all.subjectType(),
        subjectId,
        correlationId,
        all.occurredAfter(),
        all.occurredBefore(),
        all.realms());
  }

  private static String plan(Database database, EventFilter filter) {
    return database.read(
        ctx ->
            ctx.fetch(
                    "EXPLAIN QUERY PLAN "
                        + ctx.renderInlined(EventSearch.query(filter, PageRequest.of(0, ""))))
                .getValues("detail", String.class)
                .toString());
  }
}
