package dev.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.jooq.DefaultSchema;
import dev.herald.core.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Checks that the PostgreSQL migrations build the schema of the jOOQ model, which is generated from
 * the SQLite migrations and serves both databases.
 */
class PostgresSchemaTest {

  /**
   * The one intended difference: PostgreSQL routes events through a queue of unrouted ids, not a
   * cursor, because several writers commit outbox ids out of order (see db/migration/postgresql/V3
   * and V6).
   */
  private static final Set<String> SQLITE_ONLY_TABLES = Set.of("outbox_cursor");

  private static final Set<String> POSTGRES_ONLY_TABLES = Set.of("outbox_unrouted");

  @Test
  void hasEveryTableAndColumnOfTheJooqModel() throws SQLException {
    PostgresSettings settings = migratedDatabase();
    Map<String, Column> actual = columns(settings);

    List<String> problems = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      if (SQLITE_ONLY_TABLES.contains(table.getName())) {
        continue;
      }
      for (Field<?> field : table.fields()) {
        String name = table.getName() + "." + field.getName();
        expected.add(name);
        Column want = Column.of(field.getDataType());
        Column got = actual.get(name);
        if (got == null) {
          problems.add(name + " is missing");
        } else if (!got.equals(want)) {
          problems.add(name + ": " + got + " (expected: " + want + ")");
        }
      }
    }
    for (String name : actual.keySet()) {
      if (!expected.contains(name) && !POSTGRES_ONLY_TABLES.contains(table(name))) {
        problems.add(name + " is not in the jOOQ model");
      }
    }
    assertThat(problems).as("PostgreSQL schema against the jOOQ model").isEmpty();
  }

  @Test
  void hasEveryIndexOfTheJooqModel() throws SQLException {
    Set<String> indexes = indexes(migratedDatabase());

    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      for (Index index : table.getIndexes()) {
        assertThat(indexes).as("indexes of %s", table.getName()).contains(index.getName());
      }
    }
    assertThat(indexes).contains("webhook_subscriptions_unique").doesNotContain("deliveries_due");
  }

  @Test
  void routesThroughAQueueOfUnroutedIdsInsteadOfACursor() throws SQLException {
    PostgresSettings settings = migratedDatabase();

    assertThat(columns(settings))
        .containsEntry("outbox_unrouted.outbox_id", new Column("bigint", false, false, false))
        .doesNotContainKeys("outbox_cursor.name", "event_outbox.routed_at");
    assertThat(indexes(settings))
        .contains("outbox_unrouted_pkey")
        .doesNotContain("event_outbox_unrouted");
  }

  private static String table(String column) {
    return column.substring(0, column.indexOf('.'));
  }

  @Test
  void upgradingQueuesTheEventsTheOldMarkLeftUnrouted() throws SQLException {
    PostgresSettings settings = TestPostgres.freshDatabase();
    migrate(settings, "5");
    try (Connection connection = connect(settings);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          """
          INSERT INTO event_outbox
              (event_id, event_type, realm_id, occurred_at, envelope, created_at, routed_at)
          VALUES ('routed', 'user.created', '', 1, '', 1, 2),
                 ('waiting', 'user.created', '', 1, '', 1, NULL)
          """);
    }

    migrate(settings, "latest");

    try (Connection connection = connect(settings);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT o.event_id FROM outbox_unrouted u JOIN event_outbox o ON o.id = u.outbox_id")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("waiting");
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void migratingTwiceChangesNothing() throws SQLException {
    PostgresSettings settings = TestPostgres.freshDatabase();

    MigrateResult first = migrate(settings);
    Map<String, Column> before = columns(settings);
    MigrateResult second = migrate(settings);

    assertThat(first.migrationsExecuted).isPositive();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(second.initialSchemaVersion).isEqualTo(first.targetSchemaVersion);
    assertThat(columns(settings)).isEqualTo(before);
  }

  /** A column as information_schema describes it, or as the model expects it. */
  record Column(String type, boolean nullable, boolean defaulted, boolean identity) {

    static Column of(DataType<?> type) {
      return new Column(
          postgresType(type),
          type.nullable(),
          type.defaulted() && !type.identity(),
          type.identity());
    }

    private static String postgresType(DataType<?> type) {
      Class<?> java = type.getType();
      if (java == Long.class) {
        return "bigint";
      } else if (java == String.class) {
        return "text";
      } else if (java == byte[].class) {
        return "bytea";
      }
      throw new AssertionError(
          "no PostgreSQL type for " + type + " (expected: bigint, text, bytea)");
    }
  }

  private static PostgresSettings migratedDatabase() {
    PostgresSettings settings = TestPostgres.freshDatabase();
    migrate(settings);
    return settings;
  }

  private static MigrateResult migrate(PostgresSettings settings) {
    return migrate(settings, "latest");
  }

  private static MigrateResult migrate(PostgresSettings settings, String target) {
    return Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration/postgresql")
        .target(target)
        .load()
        .migrate();
  }

  /** Returns Herald's columns by {@code table.column}, leaving out Flyway's history table. */
  private static Map<String, Column> columns(PostgresSettings settings) throws SQLException {
    Map<String, Column> columns = new TreeMap<>();
    String sql =
        """
        SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'
        """;
    try (Connection connection = connect(settings);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        columns.put(
            rows.getString("table_name") + "." + rows.getString("column_name"),
            new Column(
                rows.getString("data_type"),
                rows.getString("is_nullable").equals("YES"),
                rows.getString("column_default") != null,
                rows.getString("is_identity").equals("YES")));
      }
    }
    return columns;
  }

  private static Set<String> indexes(PostgresSettings settings) throws SQLException {
    Set<String> indexes = new TreeSet<>();
    try (Connection connection = connect(settings);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")) {
      while (rows.next()) {
        indexes.add(rows.getString(1));
      }
    }
    return indexes;
  }

  private static Connection connect(PostgresSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }
}
