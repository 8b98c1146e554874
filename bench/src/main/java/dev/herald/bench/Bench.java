package dev.herald.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the scenarios of one run share: a scratch folder for database files, the HTTP receiver, the
 * PostgreSQL server (started when a scenario first asks), the backlog size, and raw baselines that
 * more than one scenario compares with.
 */
final class Bench implements AutoCloseable {

  private final Path scratch;
  private final int backlogSize;
  private final Duration backlogCap;
  private final Receiver receiver;
  private BenchPostgres postgres;
  private Double rawPostPerSecond;
  private int folders;

  Bench(Path scratch, int backlogSize, Duration backlogCap) {
    this.scratch = requireNonNull(scratch, "scratch");
    this.backlogSize = backlogSize;
    this.backlogCap = requireNonNull(backlogCap, "backlogCap");
    deleteTree(scratch);
    this.receiver = Receiver.start();
  }

  /** Returns a new empty folder under the scratch folder. */
  Path folder(String name) throws IOException {
    return Files.createDirectories(scratch.resolve(String.format("%03d-%s", ++folders, name)));
  }

  /** Returns the receiver every webhook scenario sends to. */
  Receiver receiver() {
    return receiver;
  }

  /**
   * Returns the embedded PostgreSQL server, starting it on first use: SQLite scenarios run before
   * it exists.
   */
  BenchPostgres postgres() {
    if (postgres == null) {
      postgres = BenchPostgres.start();
    }
    return postgres;
  }

  /** Returns how many events the backlog scenario pre-fills. */
  int backlogSize() {
    return backlogSize;
  }

  /**
   * Returns how long the backlog scenario may deliver before it stops and reports a partial drain.
   */
  Duration backlogCap() {
    return backlogCap;
  }

  /** Returns the raw POST loop's rate, measuring it now if no scenario has yet. */
  double rawPostPerSecond() throws InterruptedException {
    if (rawPostPerSecond == null) {
      rawPostPerSecond = WebhookDelivery.measureRawPostLoop(this);
    }
    return rawPostPerSecond;
  }

  /** Records the raw POST loop's rate measured by the delivery scenario. */
  void rawPostPerSecond(double perSecond) {
    this.rawPostPerSecond = perSecond;
  }

  /** Deletes a folder and everything under it. */
  static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }

  @Override
  public void close() {
    receiver.close();
    if (postgres != null) {
      postgres.close();
    }
    deleteTree(scratch);
  }
}
