-- Herald pipeline schema (SQLite). PostgreSQL keeps the same version numbers in ../postgresql.
-- Times are epoch milliseconds (INTEGER) so one jOOQ model serves both databases.

-- Where webhooks go. Declared in herald.yaml (source = 'config') or, later, over the admin API.
CREATE TABLE webhook_endpoints (
    id              TEXT    NOT NULL PRIMARY KEY,
    realm_id        TEXT    NOT NULL DEFAULT '',
    url             TEXT    NOT NULL,
    secret          TEXT    NOT NULL,               -- whsec_<base64>
    status          TEXT    NOT NULL,               -- active | paused | disabled
    status_reason   TEXT,
    timeout_millis  INTEGER NOT NULL,
    max_in_flight   INTEGER NOT NULL,
    source          TEXT    NOT NULL,               -- config | api
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- Which events an endpoint receives: an event-type pattern (`user.created`, `user.*`, `*`)
-- and an optional realm filter (NULL = every realm).
CREATE TABLE webhook_subscriptions (
    id                  INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    endpoint_id         TEXT    NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type_pattern  TEXT    NOT NULL,
    realm_id            TEXT,
    created_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX webhook_subscriptions_unique
    ON webhook_subscriptions (endpoint_id, event_type_pattern, COALESCE(realm_id, ''));

-- Every accepted event, exactly once per event_id. `routed_at` stays NULL until the router has
-- expanded the event into deliveries.
CREATE TABLE event_outbox (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT    NOT NULL UNIQUE,
    event_type   TEXT    NOT NULL,
    realm_id     TEXT    NOT NULL DEFAULT '',
    occurred_at  INTEGER NOT NULL,
    envelope     BLOB    NOT NULL,                  -- herald.event.v1.EventEnvelope bytes
    created_at   INTEGER NOT NULL,
    routed_at    INTEGER
);
CREATE INDEX event_outbox_unrouted ON event_outbox (id) WHERE routed_at IS NULL;
CREATE INDEX event_outbox_occurred ON event_outbox (occurred_at);

-- One row per (event, target). A claim sets status = in_flight and moves next_attempt_at to the
-- end of the lease, so a crashed worker's claims become due again when the lease runs out.
CREATE TABLE deliveries (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    outbox_id        INTEGER NOT NULL REFERENCES event_outbox (id),
    event_id         TEXT    NOT NULL,
    target           TEXT    NOT NULL,              -- <kind>:<id>, e.g. webhook:billing
    status           TEXT    NOT NULL,              -- pending | in_flight | scheduled | succeeded | dead
    attempt_count    INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_until      INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (event_id, target)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at)
    WHERE status IN ('pending', 'scheduled', 'in_flight');
CREATE INDEX deliveries_target_status ON deliveries (target, status);

-- One row per attempt, whatever its outcome.
CREATE TABLE delivery_logs (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    delivery_id       INTEGER NOT NULL REFERENCES deliveries (id),
    attempt           INTEGER NOT NULL,
    started_at        INTEGER NOT NULL,
    latency_micros    INTEGER NOT NULL,
    outcome           TEXT    NOT NULL,             -- succeeded | retry | dead
    http_status       INTEGER,
    grpc_code         TEXT,
    error_class       TEXT,
    error_message     TEXT,
    response_excerpt  TEXT
);
CREATE INDEX delivery_logs_delivery ON delivery_logs (delivery_id, attempt);
