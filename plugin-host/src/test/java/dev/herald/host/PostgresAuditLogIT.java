package dev.herald.host;

/** {@link AuditLogContract} on PostgreSQL. */
class PostgresAuditLogIT extends AuditLogContract {

  PostgresAuditLogIT() {
    super(TestDatabase.postgres());
  }
}
