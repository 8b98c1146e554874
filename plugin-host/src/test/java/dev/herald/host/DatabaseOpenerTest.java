package dev.herald.host;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.DatabaseUnreachableException;
import dev.herald.core.store.PostgresSettings;
import dev.herald.host.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

class DatabaseOpenerTest {

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
