package dev.herald.core.store;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A database that times how long each write transaction waits before its work starts: on SQLite the
 * queue for the one writer, on PostgreSQL the wait for a pooled connection. A write inside a write
 * joins the outer one and is not timed again.
 */
public final class MeteredDatabase implements Database {

  private final Database delegate;
  private final Timer writeWait;
  private final ThreadLocal<Boolean> inWrite = ThreadLocal.withInitial(() -> false);

  /** Wraps {@code delegate}, recording into {@code registry}. */
  public MeteredDatabase(Database delegate, MeterRegistry registry) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.writeWait =
        Timer.builder("herald.database.write.wait")
            .description("Time a write transaction waited for the write lock or a connection")
            .publishPercentileHistogram()
            .register(requireNonNull(registry, "registry"));
  }

  @Override
  public <T> T write(Function<DSLContext, T> work) {
    if (inWrite.get()) {
      return delegate.write(work);
    }
    long asked = System.nanoTime();
    boolean[] timed = {false}; // once, should the transaction be run again
    return delegate.write(
        ctx -> {
          if (!timed[0]) {
            timed[0] = true;
            writeWait.record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
          }
          inWrite.set(true);
          try {
            return work.apply(ctx);
          } finally {
            inWrite.set(false);
          }
        });
  }

  @Override
  public <T> T read(Function<DSLContext, T> work) {
    return delegate.read(work);
  }

  @Override
  public Dialect dialect() {
    return delegate.dialect();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
