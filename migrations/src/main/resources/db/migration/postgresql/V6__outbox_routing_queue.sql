-- The router's to-do list on PostgreSQL: one narrow row per outbox event not yet routed, in a table
-- of its own, instead of a mark on the event's row.
--
-- Marking event_outbox rows (routed_at, V1) rewrote every 1 KB envelope row once more when it was
-- routed: PostgreSQL writes a whole new row version for an update, so the outbox wrote about twice
-- the WAL of the inserts alone (BENCHMARKS.md, pg-outbox). An 8-byte id is inserted with the event
-- and deleted by the router that routes it; the envelope row is written once and never again.
--
-- Still no cursor (see V3): several writers commit outbox ids out of order; a queue row, like the
-- mark before it, cannot be skipped.
CREATE TABLE outbox_unrouted (
    outbox_id  BIGINT  NOT NULL PRIMARY KEY         -- event_outbox.id
)
-- Every row is inserted once and deleted soon after: vacuum it by the number of dead rows, not by
-- a share of a table that is nearly always empty, so its index stays small.
WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

INSERT INTO outbox_unrouted (outbox_id) SELECT id FROM event_outbox WHERE routed_at IS NULL;
DROP INDEX event_outbox_unrouted;
ALTER TABLE event_outbox DROP COLUMN routed_at;

-- Every row that enters event_outbox, by whatever statement and in whatever transaction (Herald's
-- bus writer, or a caller's own transaction through the transactional outbox), is queued in the
-- same statement: an event cannot commit without its queue row. One call per statement, reading
-- the rows it inserted (ON CONFLICT DO NOTHING leaves duplicates out of them). The queue is named
-- with Herald's schema because the caller's search_path may not include it.
CREATE FUNCTION outbox_enqueue_unrouted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "${flyway:defaultSchema}".outbox_unrouted (outbox_id) SELECT id FROM inserted;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_outbox_enqueue_unrouted
    AFTER INSERT ON event_outbox
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_enqueue_unrouted();
