-- The data keys that encrypt webhook secrets at rest (AES-256-GCM), each wrapped (encrypted) under
-- the master key, which never enters the database. The newest generation is the active key: new
-- secrets are sealed under it. Older generations stay so that secrets sealed under them still
-- open while a rotation re-encrypts them; each stored secret names its key as `k<generation>`.
CREATE TABLE secret_keys (
    generation   BIGINT  NOT NULL PRIMARY KEY,       -- 1, 2, ...: the key id is k<generation>
    wrapped_key  TEXT    NOT NULL,                   -- enc:v1:master:<base64 nonce+ciphertext>
    created_at   BIGINT  NOT NULL
);
