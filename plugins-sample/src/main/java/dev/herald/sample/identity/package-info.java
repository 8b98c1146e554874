/**
 * The sample identity service: users, groups and roles over REST, each change emitting its identity
 * event through Herald's embedded emitter in the same SQLite transaction.
 */
package dev.herald.sample.identity;
