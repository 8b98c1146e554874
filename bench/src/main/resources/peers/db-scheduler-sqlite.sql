-- db-scheduler's table on SQLite, as its own SQLite test schema has it (no migration tool: each
-- trial starts on a fresh file).
CREATE TABLE scheduled_tasks (
  task_name VARCHAR(100),
  task_instance VARCHAR(100),
  task_data BLOB,
  execution_time TIMESTAMP,
  picked BIT,
  picked_by VARCHAR(50),
  last_success TIMESTAMP,
  last_failure TIMESTAMP,
  consecutive_failures INT,
  last_heartbeat TIMESTAMP,
  version BIGINT,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
