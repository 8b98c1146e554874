/**
 * The audit log: who changed what through the admin API or the CLI, when, in which realm, and
 * whether it worked. {@link dev.herald.core.audit.AuditLog} records and lists entries; {@link
 * dev.herald.core.audit.AuditLogStore} owns the {@code audit_log} table.
 */
package dev.herald.core.audit;
