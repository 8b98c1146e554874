package dev.herald.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.core.store.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseMapperTest {

  private static final String URL = "jdbc:postgresql://db.internal:5432/herald";
  private static final String PASSWORD = "hunter2-plaintext";

  @TempDir Path secretsDir;

  private DatabaseConfig database(String yaml, Map<String, String> environment) {
    return new ConfigLoader(new SecretResolver(secretsDir, environment))
        .parse(yaml, "t.yaml")
        .database();
  }

  private DatabaseConfig database(String yaml) {
    return database(yaml, Map.of());
  }

  private static ConfigException refusal(String yaml) {
    ConfigLoader loader =
        new ConfigLoader(new SecretResolver(Path.of("/nonexistent/secrets"), Map.of()));
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, "t.yaml"));
    assertThat(e).as("expected a ConfigException for:%n%s", yaml).isNotNull();
    return e;
  }

  @Test
  void defaultsToSqliteFileWhenNeitherPathNorUrlIsSet() {
    DatabaseConfig expected = new DatabaseConfig.Sqlite(Path.of("data", "herald.db"));

    assertThat(DatabaseConfig.ofDefaults()).isEqualTo(expected);
    assertThat(database("")).isEqualTo(expected);
    assertThat(database("database:\n")).isEqualTo(expected);
    assertThat(database("database: {}")).isEqualTo(expected);
  }

  @Test
  void readsSqlitePath() {
    assertThat(database("database: {path: ./var/herald.db}"))
        .isEqualTo(new DatabaseConfig.Sqlite(Path.of("var/herald.db")));
  }

  @Test
  void readsEveryPostgresKey() {
    String yaml =
        """
        database:
          url: %s
          user: herald
          password: '%s'
          pool_size: 4
          schema: herald_events
        """
            .formatted(URL, PASSWORD);

    assertThat(database(yaml))
        .isEqualTo(
            new DatabaseConfig.Postgres(
                new PostgresSettings(URL, "herald", PASSWORD, 4, Optional.of("herald_events"))));
  }

  @Test
  void urlAloneGivesNoRoleNoPasswordDefaultPoolAndSchema() {
    assertThat(database("database: {url: '" + URL + "'}"))
        .isEqualTo(new DatabaseConfig.Postgres(PostgresSettings.of(URL, "", "")));
    assertThat(PostgresSettings.DEFAULT_POOL_SIZE).isEqualTo(10);
  }

  @Test
  void acceptsUrlsTheDriverKnows() {
    for (String url :
        new String[] {
          "jdbc:postgresql://localhost/herald",
          "jdbc:postgresql://[::1]:5432/herald",
          "jdbc:postgresql://a:5432,b:5433/herald?targetServerType=primary",
          "jdbc:postgresql://localhost:5432"
        }) {
      assertThat(database("database: {url: '" + url + "'}"))
          .isEqualTo(new DatabaseConfig.Postgres(PostgresSettings.of(url, "", "")));
    }
  }

  @Test
  void acceptsSchemaOfSixtyThreeCharacters() {
    String schema = "_" + "a1".repeat(31);

    assertThat(database("database: {url: '" + URL + "', schema: " + schema + "}"))
        .isEqualTo(
            new DatabaseConfig.Postgres(PostgresSettings.of(URL, "", "").withSchema(schema)));
  }

  @Test
  void resolvesPasswordRefFromSecretsDir() throws Exception {
    Files.writeString(secretsDir.resolve("pg-password"), PASSWORD + "\n");

    DatabaseConfig config =
        database("database: {url: '" + URL + "', user: herald, password_ref: pg-password}");

    assertThat(config)
        .isEqualTo(new DatabaseConfig.Postgres(PostgresSettings.of(URL, "herald", PASSWORD)));
  }

  @Test
  void resolvesPasswordRefFromEnvironment() {
    DatabaseConfig config =
        database(
            "database: {url: '" + URL + "', password_ref: pg-password}",
            Map.of("PG_PASSWORD", PASSWORD));

    assertThat(config)
        .isEqualTo(new DatabaseConfig.Postgres(PostgresSettings.of(URL, "", PASSWORD)));
  }

  @Test
  void reportsMissingPasswordRefUnderItsKey() {
    assertThat(refusal("database: {url: '" + URL + "', password_ref: pg-password}").problems())
        .containsExactly(
            "database.password_ref: 'pg-password' not found in /nonexistent/secrets or"
                + " environment variable PG_PASSWORD");
  }

  @Test
  void textFormLeavesPasswordAndUrlQueryOut() {
    DatabaseConfig config =
        new DatabaseConfig.Postgres(
            new PostgresSettings(
                URL + "?password=" + PASSWORD, "herald", PASSWORD, 4, Optional.of("events")));

    assertThat(config)
        .hasToString(
            "Postgres[url=jdbc:postgresql://db.internal:5432/herald?…, user=herald, password=***,"
                + " poolSize=4, schema=events]");
    assertThat(new DatabaseConfig.Postgres(PostgresSettings.of(URL, "", "")))
        .hasToString(
            "Postgres[url=" + URL + ", user=, password=none, poolSize=10, schema=(default)]");
    assertThat(
            new HeraldConfig(
                    config,
                    EventsConfig.ofDefaults(),
                    BusConfig.ofDefaults(),
                    DeliveryConfig.ofDefaults(),
                    PluginsConfig.ofDefaults(),
                    List.of(),
                    ApiConfig.ofDefaults(),
                    IngestConfig.ofDefaults(),
                    SecretsConfig.ofDefaults(),
                    NetworkConfig.ofDefaults(),
                    RetentionConfig.ofDefaults(),
                    LoggingConfig.ofDefaults(),
                    List.of())
                .toString())
        .doesNotContain(PASSWORD);
  }

  static Stream<Arguments> badDatabaseSections() {
    return Stream.of(
        arguments(
            "{path: a.db, url: '" + URL + "'}",
            "database: both path and url are set (expected: exactly one of them)"),
        arguments(
            "{url: 'mysql://x'}",
            "database.url: 'mysql://x' (expected: jdbc:postgresql://host:port/database)"),
        arguments(
            "{url: 'jdbc:postgresql:herald'}",
            "database.url: 'jdbc:postgresql:herald' (expected:"
                + " jdbc:postgresql://host:port/database)"),
        arguments(
            "{url: 'jdbc:postgresql:///herald'}",
            "database.url: 'jdbc:postgresql:///herald' (expected:"
                + " jdbc:postgresql://host:port/database)"),
        arguments(
            "{url: 'mysql://x?password=" + PASSWORD + "'}",
            "database.url: 'mysql://x?…' (expected: jdbc:postgresql://host:port/database)"),
        arguments(
            "{url: 'jdbc:postgresql://herald:" + PASSWORD + "@db/herald'}",
            "database.url: 'jdbc:postgresql://…@db/herald' (expected:"
                + " jdbc:postgresql://host:port/database)"),
        arguments(
            "{url: 'jdbc:postgresql://herald:pa/" + PASSWORD + "@db/herald?ssl=true'}",
            "database.url: 'jdbc:postgresql://…@db/herald?…' (expected:"
                + " jdbc:postgresql://host:port/database)"),
        arguments("{url: ''}", "database.url: '' (expected: jdbc:postgresql://host:port/database)"),
        arguments("{url: [a]}", "database.url: a list (expected: a string)"),
        arguments("{url: '" + URL + "', pool_size: 1}", "database.pool_size: 1 (expected: >= 2)"),
        arguments(
            "{url: '" + URL + "', pool_size: ten}",
            "database.pool_size: 'ten' (expected: an integer)"),
        arguments(
            "{url: '" + URL + "', user: ''}", "database.user: '' (expected: a non-blank string)"),
        arguments(
            "{url: '" + URL + "', password: '" + PASSWORD + "', password_ref: pg-password}",
            "database.password: both password and password_ref are set (expected: at most one of"
                + " them)"),
        arguments(
            "{url: '" + URL + "', password: 1234}",
            "database.password: not a string (expected: a quoted string)"),
        arguments(
            "{url: '" + URL + "', password: {a: b}}",
            "database.password: not a string (expected: a quoted string)"),
        arguments(
            "{url: '" + URL + "', password_ref: '../etc/passwd'}",
            "database.password_ref: '../etc/passwd' (expected: a name of letters, digits, '.', '_'"
                + " and '-', not starting with '.', '_' or '-')"),
        arguments(
            "{url: '" + URL + "', schema: Herald}",
            "database.schema: 'Herald' (expected: a PostgreSQL identifier: lowercase letters,"
                + " digits and _, starting with a letter or _, at most 63 characters)"),
        arguments(
            "{url: '" + URL + "', schema: 1herald}",
            "database.schema: '1herald' (expected: a PostgreSQL identifier: lowercase letters,"
                + " digits and _, starting with a letter or _, at most 63 characters)"),
        arguments(
            "{url: '" + URL + "', schema: " + "a".repeat(64) + "}",
            "database.schema: '"
                + "a".repeat(64)
                + "' (expected: a PostgreSQL identifier: lowercase letters, digits and _, starting"
                + " with a letter or _, at most 63 characters)"),
        arguments(
            "{url: '" + URL + "', schema: pg_herald}",
            "database.schema: 'pg_herald' (expected: a name not starting with pg_, which"
                + " PostgreSQL reserves)"),
        arguments(
            "{path: a.db, user: herald}",
            "database.user: set without url (expected: PostgreSQL keys only beside url)"),
        arguments(
            "{path: a.db, password: '" + PASSWORD + "'}",
            "database.password: set without url (expected: PostgreSQL keys only beside url)"),
        arguments(
            "{path: a.db, password_ref: pg-password}",
            "database.password_ref: set without url (expected: PostgreSQL keys only beside url)"),
        arguments(
            "{path: a.db, pool_size: 4}",
            "database.pool_size: set without url (expected: PostgreSQL keys only beside url)"),
        arguments(
            "{schema: herald}",
            "database.schema: set without url (expected: PostgreSQL keys only beside url)"),
        arguments(
            "{host: db}",
            "database.host: unknown key (expected one of: path, url, user, password, password_ref,"
                + " pool_size, schema)"));
  }

  @ParameterizedTest
  @MethodSource("badDatabaseSections")
  void badDatabaseValueNamesItsKeyAndNeverThePassword(String section, String problem) {
    ConfigException e = refusal("database: " + section);

    assertThat(e.problems()).containsExactly(problem);
    assertThat(e).hasMessageNotContaining(PASSWORD).hasMessageNotContaining("1234");
  }

  @Test
  void reportsEveryDatabaseProblemTogether() {
    String yaml =
        """
        database:
          path: a.db
          url: mysql://x
          pool_size: 1
          schema: Herald
          password: '%s'
          password_ref: pg-password
        """
            .formatted(PASSWORD);

    assertThat(refusal(yaml).problems())
        .containsExactly(
            "database: both path and url are set (expected: exactly one of them)",
            "database.url: 'mysql://x' (expected: jdbc:postgresql://host:port/database)",
            "database.password: both password and password_ref are set (expected: at most one of"
                + " them)",
            "database.pool_size: 1 (expected: >= 2)",
            "database.schema: 'Herald' (expected: a PostgreSQL identifier: lowercase letters,"
                + " digits and _, starting with a letter or _, at most 63 characters)");
  }
}
