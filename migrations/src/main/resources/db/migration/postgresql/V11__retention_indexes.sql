-- Retention (purging old rows) without scans. SQLite has the same indexes in ../sqlite/V11.

-- Deleting an event makes the database look for deliveries that still refer to it (the foreign
-- key), and retention deletes an event only when none is left: without this index, each look-up
-- would read the whole deliveries table.
CREATE INDEX deliveries_outbox ON deliveries (outbox_id);

-- Finished deliveries by status and age, so a purge batch seeks straight to the old succeeded,
-- dead or discarded rows. Partial: deliveries enter it once, when they finish. Queries repeat the
-- IN term literally, as SQLite needs.
CREATE INDEX deliveries_finished ON deliveries (status, updated_at)
    WHERE status IN ('succeeded', 'dead', 'discarded');
