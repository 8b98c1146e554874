package dev.herald.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks that the SQLite and PostgreSQL migration folders hold the same versions. */
class MigrationFoldersTest {

  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Pattern VERSIONED = Pattern.compile("V\\d+(_\\d+)*__\\w+\\.sql");

  @Test
  void bothDatabasesHaveTheSameVersionedMigrations() throws IOException {
    Set<String> sqlite = versionedMigrations("sqlite");
    Set<String> postgresql = versionedMigrations("postgresql");

    assertThat(sqlite).as("versioned migrations in %s", MIGRATIONS.resolve("sqlite")).isNotEmpty();
    List<String> problems = new ArrayList<>();
    missing(sqlite, postgresql, "postgresql", problems);
    missing(postgresql, sqlite, "sqlite", problems);
    assertThat(problems)
        .as("the sqlite and postgresql folders change together, file for file")
        .isEmpty();
  }

  private static void missing(Set<String> from, Set<String> in, String folder, List<String> out) {
    for (String name : from) {
      if (!in.contains(name)) {
        out.add(folder + "/" + name + " is missing");
      }
    }
  }

  private static Set<String> versionedMigrations(String folder) throws IOException {
    try (Stream<Path> files = Files.list(MIGRATIONS.resolve(folder))) {
      Set<String> names = new TreeSet<>();
      files
          .map(file -> file.getFileName().toString())
          .filter(name -> VERSIONED.matcher(name).matches())
          .forEach(names::add);
      return names;
    }
  }
}
