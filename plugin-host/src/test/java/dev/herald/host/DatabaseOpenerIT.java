package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.DatabaseException;
import dev.herald.core.store.DatabaseUnreachableException;
import dev.herald.core.store.PostgresSettings;
import dev.herald.core.testing.TestPostgres;
import dev.herald.host.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

class DatabaseOpenerIT {

  @Test
  void aDatabaseTheServerDoesNotHaveFailsForGoodNotAsUnreachable() {
    PostgresSettings live = TestPostgres.freshDatabase();
    String missing = live.url().substring(0, live.url().lastIndexOf('/') + 1) + "no_such_db";
    DatabaseConfig config =
        new DatabaseConfig.Postgres(PostgresSettings.of(missing, live.user(), live.password()));

    assertThatThrownBy(() -> DatabaseOpener.open(config))
        .isInstanceOf(DatabaseException.class)
        .isNotInstanceOf(DatabaseUnreachableException.class)
        .hasMessageContaining("database.url: cannot connect to")
        .hasMessageContaining("no_such_db");
  }

  @Test
  void anUnreachablePostgresIsNamedByItsKeyWithTheCause() {
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    DatabaseConfig config =
        new DatabaseConfig.Postgres(
            PostgresSettings.of("jdbc:postgresql://127.0.0.1:1/herald?password=secret", "h", ""));

    assertThatThrownBy(() -> DatabaseOpener.open(config))
        .isInstanceOf(DatabaseUnreachableException.class)
        .hasMessageStartingWith(
            "database.url: cannot connect to jdbc:postgresql://127.0.0.1:1/herald")
        .hasMessageContaining("refused")
        .hasMessageNotContaining("secret");
  }
}
