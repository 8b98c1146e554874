package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import dev.herald.core.store.PostgresSettings;
import java.nio.file.Path;

/** Where Herald keeps its state: an embedded SQLite file or a PostgreSQL server. */
public sealed interface DatabaseConfig permits DatabaseConfig.Sqlite, DatabaseConfig.Postgres {

  /** The default SQLite file, relative to the working directory. */
  Path DEFAULT_PATH = Path.of("data", "herald.db");

  /** Returns the default: the SQLite file {@code data/herald.db}. */
  static DatabaseConfig ofDefaults() {
    return new Sqlite(DEFAULT_PATH);
  }

  /**
   * An embedded SQLite database, set by {@code database.path}.
   *
   * @param path the SQLite file; the server creates its parent directories
   */
  record Sqlite(Path path) implements DatabaseConfig {

    public Sqlite {
      requireNonNull(path, "path");
    }
  }

  /**
   * A PostgreSQL server, set by {@code database.url}; its text form leaves the password out.
   *
   * @param settings the URL, role, password, pool size and schema
   */
  record Postgres(PostgresSettings settings) implements DatabaseConfig {

    public Postgres {
      requireNonNull(settings, "settings");
    }

    @Override
    public String toString() {
      // PostgresSettings' own toString prints the password.
      return "Postgres[url="
          + redactedUrl(settings.url())
          + ", user="
          + settings.user()
          + ", password="
          + (settings.password().isEmpty() ? "none" : "***")
          + ", poolSize="
          + settings.poolSize()
          + ", schema="
          + settings.schema().orElse("(default)")
          + "]";
    }

    /**
     * Returns {@code url} without what may carry a password, its query string and any {@code
     * user:password@}, e.g. {@code jdbc:postgresql://…@db/herald?…}.
     */
    public static String redactedUrl(String url) {
      String withoutUserInfo = url.replaceFirst("//[^?#]*@", "//…@");
      int query = withoutUserInfo.indexOf('?');
      return query < 0 ? withoutUserInfo : withoutUserInfo.substring(0, query + 1) + "…";
    }
  }
}
