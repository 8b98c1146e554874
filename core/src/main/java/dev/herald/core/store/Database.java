package dev.herald.core.store;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Herald's database. Every write transaction goes through {@link #write}; on SQLite it serialises
 * writers (SQLite allows one) and lets callers batch. Reads may run concurrently.
 */
public interface Database extends AutoCloseable {

  /** Runs {@code work} in one write transaction and commits it, or rolls back if it throws. */
  <T> T write(Function<DSLContext, T> work);

  /** Runs {@code work} on a read connection, outside any write transaction. */
  <T> T read(Function<DSLContext, T> work);

  /** Returns what sets this database apart, e.g. for callers that bring their own connection. */
  Dialect dialect();

  /** Closes every connection. */
  @Override
  void close();
}
