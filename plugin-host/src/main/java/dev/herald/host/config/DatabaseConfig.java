package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The embedded database.
 *
 * @param path the SQLite file; the server creates its parent directories
 */
public record DatabaseConfig(Path path) {

  /** The default SQLite file, relative to the working directory. */
  public static final Path DEFAULT_PATH = Path.of("data", "herald.db");

  public DatabaseConfig {
    requireNonNull(path, "path");
  }

  /** Returns the default: {@code data/herald.db}. */
  public static DatabaseConfig ofDefaults() {
    return new DatabaseConfig(DEFAULT_PATH);
  }
}
