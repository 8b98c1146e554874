-- Content rules of a webhook subscription: an EventBridge content pattern over the event's JSON
-- document (stored as compact JSON) and a JMESPath transformation of the delivered body; NULL when
-- absent. Both are checked before they get here (core's ContentPattern and BodyTransform).
ALTER TABLE webhook_subscriptions ADD COLUMN content_pattern TEXT;
ALTER TABLE webhook_subscriptions ADD COLUMN transform TEXT;

-- One event type may now be subscribed to several times with different rules.
DROP INDEX webhook_subscriptions_unique;
CREATE UNIQUE INDEX webhook_subscriptions_unique
    ON webhook_subscriptions (endpoint_id, event_type_pattern, COALESCE(realm_id, ''),
                              COALESCE(content_pattern, ''), COALESCE(transform, ''));
