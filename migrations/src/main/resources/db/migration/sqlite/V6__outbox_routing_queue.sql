-- Nothing to do on SQLite: with one writer, outbox ids commit in order and the router keeps its
-- cursor (V3). On PostgreSQL this version replaces the per-row routed mark by a queue of unrouted
-- event ids (see ../postgresql/V6). The version exists here so that both folders stay in step.
SELECT 1;
