-- Static headers an operator gives an endpoint (X-Tenant, Authorization, ...), sent on every
-- attempt: a JSON object of name to value, in the order they were declared. Names Herald or the
-- HTTP client set are refused before they get here (core's StaticHeaders).
ALTER TABLE webhook_endpoints ADD COLUMN headers TEXT NOT NULL DEFAULT '{}';
