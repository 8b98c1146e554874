package dev.herald.core.audit;

import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import java.time.Instant;
import org.jooq.DSLContext;

/** The {@code audit_log} table and its only writer. */
public interface AuditLogStore {

  /** Adds one entry and returns its id. */
  long append(DSLContext tx, AuditEntry entry);

  /** Returns one page of the entries the filter selects, newest first. */
  Page<StoredAuditEntry> list(DSLContext ctx, AuditFilter filter, PageRequest page);

  /**
   * Deletes at most {@code limit} entries older than {@code cutoff}, oldest first, and returns how
   * many it deleted; retention calls it until it returns less than {@code limit}.
   */
  int purgeOlderThan(DSLContext tx, Instant cutoff, int limit);
}
