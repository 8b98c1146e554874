-- Event search (EventService/ListEvents): the envelope fields an operator looks events up by, out of
-- the envelope bytes and into columns; NULL when the envelope leaves them empty. The outbox store
-- fills them on append; rows stored before this version are filled by the Java migration 16.1
-- (dev.herald.core.outbox.SearchColumnsBackfill), which decodes their envelopes in batches.
ALTER TABLE event_outbox ADD COLUMN subject_type TEXT;
ALTER TABLE event_outbox ADD COLUMN subject_id TEXT;
ALTER TABLE event_outbox ADD COLUMN correlation_id TEXT;

-- Partial, so a look-up is an index seek (newest first by id) and events without a subject or a
-- correlation id cost nothing more to append. Adding the columns rewrites no row (no default).
CREATE INDEX event_outbox_subject ON event_outbox (subject_id, id) WHERE subject_id IS NOT NULL;
CREATE INDEX event_outbox_correlation ON event_outbox (correlation_id, id)
    WHERE correlation_id IS NOT NULL;
