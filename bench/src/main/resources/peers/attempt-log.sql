-- The peers' attempt log: one row per POST, as Herald's delivery_logs keeps one per attempt.
-- The same text on SQLite and PostgreSQL.
CREATE TABLE peer_attempt_log (
  event_id VARCHAR(64) NOT NULL,
  attempt INT NOT NULL,
  status INT NOT NULL,
  latency_micros BIGINT NOT NULL,
  attempted_at BIGINT NOT NULL
);
