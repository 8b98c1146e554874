-- Admin API: secret rotation, replay, dead-letter discard, plugin pause that survives restarts.

-- During a secret rotation's grace period the previous secret still signs beside the new one.
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret TEXT;                 -- whsec_<base64>
ALTER TABLE webhook_endpoints ADD COLUMN previous_secret_expires_at BIGINT;    -- epoch millis

-- The purpose stamped on the envelope delivered: live | replay. A replay re-arms the existing
-- (event, target) row, keeping UNIQUE (event_id, target) and the attempt log of earlier tries;
-- replay_count says how often an operator replayed it. Status gains `discarded`: a dead letter
-- an operator gave up on.
ALTER TABLE deliveries ADD COLUMN purpose TEXT NOT NULL DEFAULT 'live';
ALTER TABLE deliveries ADD COLUMN replay_count BIGINT NOT NULL DEFAULT 0;
CREATE INDEX deliveries_dead ON deliveries (id) WHERE status = 'dead';

-- Operator controls of plugins, which are otherwise declared by manifest files only.
CREATE TABLE plugin_controls (
    plugin_id   TEXT    NOT NULL PRIMARY KEY,
    paused      BIGINT  NOT NULL,               -- 1 while an operator holds its deliveries
    updated_at  BIGINT  NOT NULL
);
