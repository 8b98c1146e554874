package dev.herald.core.store;

/**
 * What one retention batch did to one table: rows deleted, and where the next batch of the same
 * pass goes on.
 *
 * @param deleted rows deleted
 * @param lastId the id of the last row looked at, where the next batch starts (after it)
 * @param done true when nothing older than the cutoff is left to look at in this pass
 */
public record PurgedRows(int deleted, long lastId, boolean done) {

  public PurgedRows {
    if (deleted < 0) {
      throw new IllegalArgumentException("deleted: " + deleted + " (expected: >= 0)");
    }
  }
}
