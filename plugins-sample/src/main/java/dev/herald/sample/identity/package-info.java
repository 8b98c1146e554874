/**
 * The sample identity service: users, groups and roles over REST, each change emitting its identity
 * event through Herald's embedded emitter in the same transaction, on SQLite or PostgreSQL.
 */
package dev.herald.sample.identity;
