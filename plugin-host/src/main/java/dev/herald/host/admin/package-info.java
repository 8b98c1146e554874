/**
 * The admin and ingest APIs: gRPC services transcoded to REST under {@code /api/v1}, bearer-token
 * authentication scoped to realms, DocService at {@code /docs}, {@code /health} and {@code /ready}.
 * Every service method runs on Armeria's blocking task executor, since it reads or writes the
 * database. Every admin change, refused ones included, is recorded in the audit log by {@link
 * dev.herald.host.admin.AuditTrail}.
 */
package dev.herald.host.admin;
