-- Failure streaks and auto-disable of targets (webhooks and plugins). A target is failing since
-- its first failed attempt after its last success; when it has done nothing but fail for longer
-- than delivery.auto_disable_after, it is disabled with a reason and gets no new deliveries until
-- an operator resumes it (which deletes its row). Written by the router once per recorded batch.
CREATE TABLE target_health (
    target_kind      TEXT    NOT NULL,            -- webhook | plugin
    target_id        TEXT    NOT NULL,
    failing_since    INTEGER,                     -- epoch millis; null while it succeeds
    last_error       TEXT,                        -- the latest failure, for the disable reason
    disabled_at      INTEGER,                     -- epoch millis; set when it was auto-disabled
    disabled_reason  TEXT,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (target_kind, target_id)
);
