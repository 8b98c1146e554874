package dev.herald.core.audit;

import static java.util.Objects.requireNonNull;

/**
 * An audit entry with the id the log gave it; ids grow with time.
 *
 * @param id assigned by the database
 * @param entry what was recorded
 */
public record StoredAuditEntry(long id, AuditEntry entry) {

  public StoredAuditEntry {
    requireNonNull(entry, "entry");
  }
}
