-- A webhook endpoint's rate limit as the operator wrote it (`50/s`, `3000/min`, `100000/h`); NULL
-- when it is not limited. The router claims no more of its deliveries than the rate allows.
ALTER TABLE webhook_endpoints ADD COLUMN rate_limit TEXT;
