-- Plugins subscribe by payload version too, so the router needs it without parsing the envelope.
ALTER TABLE event_outbox ADD COLUMN event_version BIGINT NOT NULL DEFAULT 1;
