-- The sample identity service's own tables (PostgreSQL): the same versions, tables and columns as
-- ../sqlite, changed together, because one jOOQ model generated from SQLite serves both databases.
-- SQLite's INTEGER is BIGINT here. They live in the same database and schema as Herald's (the
-- outbox the service appends to), under their own Flyway history table (identity_schema_history),
-- so the two schemas migrate independently. Times are epoch millis.

CREATE TABLE identity_users (
    id              TEXT    NOT NULL PRIMARY KEY,
    username        TEXT    NOT NULL UNIQUE,
    email           TEXT    NOT NULL DEFAULT '',
    email_verified  BIGINT  NOT NULL DEFAULT 0,     -- 0 | 1
    display_name    TEXT    NOT NULL DEFAULT '',
    enabled         BIGINT  NOT NULL DEFAULT 1,     -- 0 | 1
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE identity_groups (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    description  TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);

CREATE TABLE identity_roles (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    description  TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);

-- Links: deleting a user, group or role deletes its links with it.
CREATE TABLE identity_group_members (
    group_id  TEXT NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE identity_user_roles (
    user_id  TEXT NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    role_id  TEXT NOT NULL REFERENCES identity_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE identity_group_roles (
    group_id  TEXT NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    role_id   TEXT NOT NULL REFERENCES identity_roles (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, role_id)
);

CREATE TABLE identity_role_permissions (
    role_id     TEXT NOT NULL REFERENCES identity_roles (id) ON DELETE CASCADE,
    permission  TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);
