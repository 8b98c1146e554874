-- How an endpoint receives events (issue 17): 'herald' (the envelope as JSON, as before),
-- 'cloudevents-structured' or 'cloudevents-binary'. Every existing endpoint keeps Herald's JSON.
-- SQLite has the same in ../sqlite/V19.
ALTER TABLE webhook_endpoints ADD COLUMN body_format TEXT NOT NULL DEFAULT 'herald';
