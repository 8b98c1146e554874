-- Activity over time and replay runs (issue 16). PostgreSQL has the same in ../postgresql/V17.

-- Attempts by time, so the activity of a recent window seeks to its first attempt instead of
-- reading every log row. Attempts are logged in time order, so the index grows at its end only.
CREATE INDEX delivery_logs_started ON delivery_logs (started_at);

-- The backlog over time: every minute, one row per realm with the deliveries waiting (pending,
-- queued, scheduled or in flight). The default realm '' gets a row every minute, even at 0, so a
-- minute with rows is a minute sampled; a realm without a row that minute had none waiting. Nodes
-- sharing a database insert-or-ignore on the key, so a minute is written once. Kept ~25 hours.
CREATE TABLE backlog_samples (
    minute_at  INTEGER NOT NULL,                -- epoch millis, a whole minute
    realm_id   TEXT    NOT NULL,
    waiting    INTEGER NOT NULL,
    PRIMARY KEY (minute_at, realm_id)
) WITHOUT ROWID;

-- A replay that ran (dry runs are not recorded): who ran it, what it asked and what it armed.
-- The deliveries it re-armed or created carry its id in deliveries.replay_id until a later replay
-- re-arms them again.
CREATE TABLE replay_runs (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    started_at         INTEGER NOT NULL,        -- epoch millis
    token_name         TEXT    NOT NULL,
    all_realms         INTEGER NOT NULL,        -- 1: every realm; else the rows of replay_run_realms
    from_time          INTEGER,                 -- epoch millis; NULL when from_event_id is set
    from_event_id      TEXT,
    to_time            INTEGER NOT NULL,
    event_types        TEXT    NOT NULL,        -- the patterns, space-separated; '' for every type
    target             TEXT,                    -- <kind>:<id>; NULL for every subscriber
    rate_per_second    INTEGER NOT NULL,
    max_events         INTEGER NOT NULL,
    events             INTEGER NOT NULL,
    re_armed           INTEGER NOT NULL,
    created            INTEGER NOT NULL,
    skipped_in_flight  INTEGER NOT NULL,
    last_due_at        INTEGER,
    next_event_id      TEXT
);

-- The realms a run covered, when it did not cover every realm.
CREATE TABLE replay_run_realms (
    run_id    INTEGER NOT NULL REFERENCES replay_runs (id),
    realm_id  TEXT    NOT NULL,
    PRIMARY KEY (run_id, realm_id)
) WITHOUT ROWID;

ALTER TABLE deliveries ADD COLUMN replay_id INTEGER;
-- A run's deliveries, for its progress; partial, so deliveries never replayed do not pay for it.
CREATE INDEX deliveries_replay ON deliveries (replay_id, status) WHERE replay_id IS NOT NULL;
