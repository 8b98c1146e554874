/**
 * Retention: deleting old finished deliveries, their attempt logs and old events, in small batches
 * on a thread of its own, and giving SQLite's freed space back. What can be purged is a list of
 * {@link dev.herald.core.retention.PurgeStep}s, each calling the store that owns its table; a new
 * table kept under the same rules (e.g. an audit log) is one more step in that list.
 */
package dev.herald.core.retention;
