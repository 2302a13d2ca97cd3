-- Outpost schema, version 2: roles as resources, locks.

-- A role is the resource text an admin applied (YAML or JSON), validated before it is stored.
CREATE TABLE roles (
    name        VARCHAR(64)    NOT NULL PRIMARY KEY,
    resource    VARCHAR(65536) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT         DEFAULT 0 NOT NULL
);

-- The two roles of version 1, now resources like any other. "admin" administers and reaches no
-- node by itself; "access" reaches every node with the user's own logins and may copy files.
INSERT INTO roles (name, resource, created_at, updated_at) VALUES ('admin',
'kind: role
name: admin
', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

INSERT INTO roles (name, resource, created_at, updated_at) VALUES ('access',
'kind: role
name: access
allow:
  logins: ["{{internal.logins}}"]
  node_labels: {"*": "*"}
options:
  file_copy: true
', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- user_roles named enum constants (ADMIN, ACCESS); now they name roles.
UPDATE user_roles SET role = LOWER(role);
ALTER TABLE user_roles ALTER COLUMN role SET DATA TYPE VARCHAR(64);

-- A lock blocks new sessions of a user or to a node until it expires, and ends live ones.
CREATE TABLE locks (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    target_kind  VARCHAR(16)  NOT NULL,
    target       VARCHAR(253) NOT NULL,
    message      VARCHAR(255),
    created_by   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_locks_expires ON locks (expires_at);
