/**
 * Database access: the two {@link dev.herald.core.store.Database}s (SQLite, one writer behind a
 * lock; PostgreSQL, a pool shared by several nodes), their migrations, and the {@link
 * dev.herald.core.store.Dialect} that holds the only SQL they do not share. Each table is written
 * by one store ({@link dev.herald.core.Stores}); nothing else writes SQL.
 */
package dev.herald.core.store;
