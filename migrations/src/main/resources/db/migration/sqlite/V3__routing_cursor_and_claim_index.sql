-- Routing and claiming without scans (see BENCHMARKS.md, "What limits each figure").

-- The router expands events in id order and remembers how far it got, instead of rewriting every
-- outbox row (and a partial index over it) to mark it routed. Safe on SQLite: one writer at a time
-- means an id becomes visible only after every smaller id has committed or rolled back.
CREATE TABLE outbox_cursor (
    name     TEXT    NOT NULL PRIMARY KEY,
    last_id  INTEGER NOT NULL
);
-- Existing databases resume at their first unrouted event; routing one twice is harmless
-- (deliveries are unique per event and target).
INSERT INTO outbox_cursor (name, last_id)
VALUES ('router', COALESCE((SELECT MIN(id) - 1 FROM event_outbox WHERE routed_at IS NULL),
                           (SELECT MAX(id) FROM event_outbox),
                           0));
DROP INDEX event_outbox_unrouted;
ALTER TABLE event_outbox DROP COLUMN routed_at;

-- Claims and next-due look-ups go target by target, for the targets that have room: a seek per
-- target, however many deliveries other (full or paused) targets have waiting.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_claimable ON deliveries (target, next_attempt_at)
    WHERE status IN ('pending', 'scheduled', 'in_flight');
