package dev.herald.host;

/** {@link AuditLogContract} on SQLite. */
class SqliteAuditLogIT extends AuditLogContract {

  SqliteAuditLogIT() {
    super(TestDatabase.sqlite());
  }
}
