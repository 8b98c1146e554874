-- Claiming without scans (see BENCHMARKS.md, "What limits each figure").
--
-- No routing cursor on PostgreSQL, unlike ../sqlite/V3: several writers commit outbox ids out of
-- order, so a cursor could move past a smaller id that commits later and never route it. The router
-- keeps marking each row instead: event_outbox.routed_at and the partial index
-- event_outbox_unrouted from V1 stay, and there is no outbox_cursor table. The version keeps its
-- number and name so that both folders stay in step.

-- Claims and next-due look-ups go target by target, for the targets that have room: a seek per
-- target, however many deliveries other (full or paused) targets have waiting.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_claimable ON deliveries (target, next_attempt_at)
    WHERE status IN ('pending', 'scheduled', 'in_flight');
