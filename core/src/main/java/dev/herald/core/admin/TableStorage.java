package dev.herald.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much one table holds.
 *
 * @param table the table's name
 * @param rows how many rows it has
 * @param bytes the space it and its indexes take, when the database can tell (SQLite needs its
 *     {@code dbstat} table, which some builds leave out)
 * @param oldest when its oldest row was stored; empty when the table is empty
 */
public record TableStorage(String table, long rows, OptionalLong bytes, Optional<Instant> oldest) {

  public TableStorage {
    requireNonNull(table, "table");
    requireNonNull(bytes, "bytes");
    requireNonNull(oldest, "oldest");
  }
}
