package dev.herald.core.audit;

import static java.util.Objects.requireNonNull;

import dev.herald.core.admin.Page;
import dev.herald.core.admin.PageRequest;
import dev.herald.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records admin changes and lists them; the API and the CLI both record through it. Recording never
 * fails its caller: a change already made (or refused) stays so when its entry cannot be written,
 * and the failure is logged instead.
 */
public final class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final Database database;
  private final AuditLogStore store;

  /** Creates the log on the given database's {@code audit_log} table. */
  public AuditLog(Database database) {
    this(database, new JooqAuditLogStore());
  }

  /** Creates the log on the given store. */
  public AuditLog(Database database, AuditLogStore store) {
    this.database = requireNonNull(database, "database");
    this.store = requireNonNull(store, "store");
  }

  /** Writes one entry in its own small transaction; logs, rather than throws, when it cannot. */
  public void record(AuditEntry entry) {
    requireNonNull(entry, "entry");
    try {
      database.write(tx -> store.append(tx, entry));
    } catch (RuntimeException e) {
      log.error(
          "Could not write the audit entry of {} by '{}' ({})",
          entry.action(),
          entry.tokenName(),
          entry.outcome(),
          e);
    }
  }

  /** Returns one page of the entries the filter selects, newest first. */
  public Page<StoredAuditEntry> list(AuditFilter filter, PageRequest page) {
    requireNonNull(filter, "filter");
    requireNonNull(page, "page");
    return database.read(ctx -> store.list(ctx, filter, page));
  }
}
