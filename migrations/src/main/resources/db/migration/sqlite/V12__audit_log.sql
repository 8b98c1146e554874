-- The audit log: one row per admin change made over the API or the CLI (webhook and subscription
-- changes, pause and resume, secret and key rotation, tests, replays, retries, discards, plugin
-- controls, reloads), refused ones included. Secrets are never stored: details hold the request
-- with every secret-like field removed.
CREATE TABLE audit_log (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,                -- epoch millis
    token_name  TEXT    NOT NULL,                -- the API token's name, or cli:<os user>
    realm_id    TEXT,                            -- the realm acted in; NULL when none applies
    action      TEXT    NOT NULL,                -- e.g. webhook.pause, key.rotate
    target      TEXT,                            -- the id acted on, when there is one
    outcome     TEXT    NOT NULL,                -- OK, or the gRPC status code name
    message     TEXT,                            -- why it was refused or failed
    details     TEXT    NOT NULL                 -- JSON: the request, secrets removed
);
CREATE INDEX audit_log_at ON audit_log (at);
