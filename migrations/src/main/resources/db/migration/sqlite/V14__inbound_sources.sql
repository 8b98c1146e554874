-- Inbound webhooks: the sources that may POST /in/{source}, each with the verifier that checks
-- its requests, and the provider delivery ids already accepted, so a provider's retry is stored
-- once. The secret is sealed like webhook secrets (enc:v1:<key-id>:<base64>).
CREATE TABLE inbound_sources (
    id                   TEXT    NOT NULL PRIMARY KEY,  -- the {source} of /in/{source}
    realm_id             TEXT    NOT NULL DEFAULT '',
    verifier             TEXT    NOT NULL,   -- github | stripe | standard-webhooks | hmac | token
    signature_header     TEXT,               -- hmac and token: the header carrying it
    algorithm            TEXT,               -- hmac: sha1 | sha256 | sha512
    encoding             TEXT,               -- hmac: hex | base64
    signature_prefix     TEXT,               -- hmac: e.g. sha256=; token: e.g. Bearer
    tolerance_millis     INTEGER,            -- stripe and standard-webhooks: timestamp tolerance
    secret               TEXT    NOT NULL,
    event_type_template  TEXT    NOT NULL,   -- e.g. github.{header:X-GitHub-Event}.{body:action}
    delivery_id_template TEXT,               -- where the provider names the delivery; NULL: none
    status               TEXT    NOT NULL,   -- active | paused | disabled
    origin               TEXT    NOT NULL,   -- config | api
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

-- One row per provider delivery id accepted from a source: a retry finds the event it became.
-- Retention deletes rows as old as the events it deletes (retention.events), oldest id first.
CREATE TABLE inbound_deliveries (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    source_id    TEXT    NOT NULL,
    delivery_id  TEXT    NOT NULL,
    event_id     TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,          -- epoch millis
    UNIQUE (source_id, delivery_id)
);
