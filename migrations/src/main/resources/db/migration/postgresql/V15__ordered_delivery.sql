-- Ordered delivery per key. A delivery of an ordered target carries its key (`order_key`, NULL when
-- unordered) and what its key does if it is dead-lettered (`on_dead`: block | skip). Only the head
-- of a key (its lowest unfinished outbox id) is ever pending, scheduled or in flight; the deliveries
-- behind it wait as `queued`, outside the claimable index, and the store moves the next one up when
-- the head finishes (succeeded, discarded, or dead with on_dead = skip).
ALTER TABLE deliveries ADD COLUMN order_key TEXT;
ALTER TABLE deliveries ADD COLUMN on_dead TEXT;

-- The head of a key, if one is live; partial so unordered deliveries never pay for it. Queries
-- repeat these WHERE terms literally, or SQLite will not use the indexes.
CREATE INDEX deliveries_key_head ON deliveries (target, order_key)
    WHERE status IN ('pending', 'scheduled', 'in_flight') AND order_key IS NOT NULL;
-- A dead head that holds its key until an operator retries or discards it.
CREATE INDEX deliveries_key_dead ON deliveries (target, order_key)
    WHERE status = 'dead' AND on_dead = 'block';
-- The deliveries waiting behind a head, in outbox order.
CREATE INDEX deliveries_key_queue ON deliveries (target, order_key, outbox_id)
    WHERE status = 'queued';

-- A webhook's ordering: the key (`subject` or a dotted path into the event's JSON document; NULL
-- when unordered) and its dead-head policy.
ALTER TABLE webhook_endpoints ADD COLUMN ordering_key TEXT;
ALTER TABLE webhook_endpoints ADD COLUMN ordering_on_dead TEXT NOT NULL DEFAULT 'block';
