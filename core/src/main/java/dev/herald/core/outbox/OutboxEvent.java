package dev.herald.core.outbox;

/** What the router needs of a stored event to decide where it goes. */
public record OutboxEvent(
    long id, String eventId, String eventType, int eventVersion, String realmId) {}
