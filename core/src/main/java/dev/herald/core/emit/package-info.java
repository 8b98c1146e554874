/**
 * Emitting events about aggregates: envelopes with realm, actor, subject, per-aggregate sequence
 * and correlation id, sent into the caller's transaction (transactional outbox) or onto the bus.
 */
package dev.herald.core.emit;
