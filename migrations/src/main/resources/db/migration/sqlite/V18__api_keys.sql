-- API keys created over the admin API (issue 17), beside the config file's api.tokens. The key's
-- text is never stored, only its SHA-256 (hex), which every call looks up through the unique index:
-- a revoke or an expiry is seen by every node at the next call. PostgreSQL has the same in
-- ../postgresql/V18.
CREATE TABLE api_keys (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    key_sha256    TEXT    NOT NULL,          -- 64 hex digits
    key_prefix    TEXT    NOT NULL,          -- the key's first characters, e.g. hk_3fA9: not secret
    description   TEXT    NOT NULL,
    role          TEXT    NOT NULL,          -- admin | reader | publisher
    all_realms    INTEGER NOT NULL,          -- 1: every realm; else the rows of api_key_realms
    created_at    INTEGER NOT NULL,          -- epoch millis
    created_by    TEXT    NOT NULL,          -- the name of the token that created it
    expires_at    INTEGER,                   -- epoch millis; NULL: never
    revoked_at    INTEGER,                   -- epoch millis; NULL: not revoked
    last_used_at  INTEGER,                   -- epoch millis, as of the last usage flush
    usage_count   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX api_keys_sha256 ON api_keys (key_sha256);

-- The realms a key covers, when it does not cover every realm ('' is the default realm).
CREATE TABLE api_key_realms (
    key_id    INTEGER NOT NULL REFERENCES api_keys (id),
    realm_id  TEXT    NOT NULL,
    PRIMARY KEY (key_id, realm_id)
) WITHOUT ROWID;
