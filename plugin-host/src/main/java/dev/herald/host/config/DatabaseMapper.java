package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.core.store.PostgresSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the {@code database} section: a SQLite {@code path} or a PostgreSQL {@code url} with its
 * role, password, pool size and schema; a password is never echoed.
 */
final class DatabaseMapper {

  /** The keys that only mean something beside {@code url}. */
  private static final List<String> POSTGRES_KEYS =
      List.of("user", "password", "password_ref", "pool_size", "schema");

  private static final Pattern URL = Pattern.compile("jdbc:postgresql://[^/?#@\\s]+(/[^?#@\\s]*)?");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final SecretResolver secrets;

  DatabaseMapper(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** Returns the database configuration; meaningful only when no problem was recorded. */
  DatabaseConfig map(YamlMapping yaml) {
    boolean hasPath = yaml.has("path");
    boolean hasUrl = yaml.has("url");
    if (hasPath && hasUrl) {
      yaml.problem(null, "both path and url are set (expected: exactly one of them)");
    }
    Optional<Path> path = yaml.optional("path", Scalars.path());
    Optional<String> url = yaml.optional("url", DatabaseMapper::url);
    DatabaseConfig database = DatabaseConfig.ofDefaults();
    if (hasUrl) {
      // Read even beside path, so that every problem is reported in the same run.
      Optional<PostgresSettings> settings = postgres(yaml, url);
      if (settings.isPresent() && !hasPath) {
        database = new DatabaseConfig.Postgres(settings.get());
      }
    } else {
      for (String key : POSTGRES_KEYS) {
        if (yaml.has(key)) {
          yaml.problem(key, "set without url (expected: PostgreSQL keys only beside url)");
        }
      }
      database = path.<DatabaseConfig>map(DatabaseConfig.Sqlite::new).orElse(database);
    }
    yaml.rejectUnknownKeys();
    return database;
  }

  private Optional<PostgresSettings> postgres(YamlMapping yaml, Optional<String> url) {
    String user = yaml.get("user", Scalars.nonBlankText(), "");
    Optional<String> password = password(yaml);
    int poolSize =
        yaml.get("pool_size", Scalars.integerAtLeast(2), PostgresSettings.DEFAULT_POOL_SIZE);
    Optional<String> schema = yaml.optional("schema", DatabaseMapper::schema);
    if (url.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PostgresSettings(url.get(), user, password.get(), poolSize, schema));
  }

  /** Returns the password, {@code ""} when none is set; empty when it is invalid. */
  private Optional<String> password(YamlMapping yaml) {
    boolean inline = yaml.has("password");
    boolean referenced = yaml.has("password_ref");
    if (inline && referenced) {
      yaml.problem(
          "password", "both password and password_ref are set (expected: at most one of them)");
      return Optional.empty();
    }
    if (inline) {
      return yaml.optional("password", DatabaseMapper::inlinePassword);
    }
    if (referenced) {
      return yaml.optional(
          "password_ref", node -> secrets.resolve(Scalars.nonBlankText().read(node)));
    }
    return Optional.of("");
  }

  private static String url(JsonNode node) {
    String url = Scalars.text().read(node);
    if (!URL.matcher(url.split("\\?", 2)[0]).matches()) {
      // The query string or user:password@ may carry a password: leave them out of the message.
      throw Scalars.expected(
          TextNode.valueOf(DatabaseConfig.Postgres.redactedUrl(url)),
          "jdbc:postgresql://host:port/database");
    }
    return url;
  }

  // Never echo it; refuse numbers, which YAML does not keep as written (1.10 becomes 1.1).
  private static String inlinePassword(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("not a string (expected: a quoted string)");
    }
    return node.asText();
  }

  private static String schema(JsonNode node) {
    String schema = Scalars.text().read(node);
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw Scalars.expected(
          node,
          "a PostgreSQL identifier: lowercase letters, digits and _, starting with a letter or _,"
              + " at most 63 characters");
    }
    if (schema.startsWith("pg_")) {
      throw Scalars.expected(node, "a name not starting with pg_, which PostgreSQL reserves");
    }
    return schema;
  }
}
