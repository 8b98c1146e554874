-- The last `sequence` given to each aggregate (an envelope's subject) per realm. Emitters bump it
-- in the same transaction that appends the event, so the counter commits or rolls back with it and
-- keeps increasing across restarts and processes.
CREATE TABLE aggregate_sequences (
    realm_id        TEXT    NOT NULL,
    aggregate_type  TEXT    NOT NULL,               -- subject.type, e.g. user
    aggregate_id    TEXT    NOT NULL,               -- subject.id
    sequence        BIGINT  NOT NULL,               -- the last sequence given out; the first is 1
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (realm_id, aggregate_type, aggregate_id)
);
