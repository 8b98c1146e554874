package dev.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredDatabaseTest {

  @TempDir Path folder;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private MeteredDatabase database;

  @BeforeEach
  void open() {
    database = new MeteredDatabase(SqliteDatabase.open(folder.resolve("herald.db")), registry);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private long timedWrites() {
    return registry.get("herald.database.write.wait").timer().count();
  }

  @Test
  void timesEachOuterWriteOnceAndNestedWritesNotAgain() {
    database.write(ctx -> ctx.selectOne().fetchOne(0, Integer.class));
    database.write(ctx -> database.write(inner -> inner.selectOne().fetchOne(0, Integer.class)));

    assertThat(timedWrites()).isEqualTo(2);
  }

  @Test
  void readsAreNotTimed() {
    database.read(ctx -> ctx.selectOne().fetchOne(0, Integer.class));

    assertThat(timedWrites()).isZero();
    assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
  }
}
