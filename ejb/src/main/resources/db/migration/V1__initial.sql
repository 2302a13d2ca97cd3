-- Outpost schema, version 1. Portable between H2 2.x and PostgreSQL: standard types only,
-- UUID keys as VARCHAR(36), instants as TIMESTAMP WITH TIME ZONE, enums as their names.

CREATE TABLE users (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    name             VARCHAR(64)  NOT NULL,
    password_hash    VARCHAR(512),
    totp_secret      VARCHAR(128),
    totp_last_step   BIGINT       DEFAULT 0 NOT NULL,
    failed_logins    INTEGER      DEFAULT 0 NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at       TIMESTAMP WITH TIME ZONE,
    version          BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT uq_users_name UNIQUE (name)
);

CREATE TABLE user_roles (
    user_id  VARCHAR(36) NOT NULL REFERENCES users (id),
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_logins (
    user_id  VARCHAR(36) NOT NULL REFERENCES users (id),
    login    VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, login)
);

CREATE TABLE invites (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    code_hash   VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    version     BIGINT      DEFAULT 0 NOT NULL,
    CONSTRAINT uq_invites_code_hash UNIQUE (code_hash)
);

CREATE TABLE web_sessions (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36) NOT NULL REFERENCES users (id),
    token_hash   VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    remote_addr  VARCHAR(64),
    CONSTRAINT uq_web_sessions_token_hash UNIQUE (token_hash)
);

CREATE TABLE join_tokens (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64) NOT NULL,
    type        VARCHAR(32) NOT NULL,
    created_by  VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    used_by     VARCHAR(64),
    version     BIGINT      DEFAULT 0 NOT NULL,
    CONSTRAINT uq_join_tokens_token_hash UNIQUE (token_hash)
);

CREATE TABLE nodes (
    id                    VARCHAR(36)  NOT NULL PRIMARY KEY,
    cluster               VARCHAR(253) NOT NULL,
    name                  VARCHAR(63)  NOT NULL,
    host_key_fingerprint  VARCHAR(128) NOT NULL,
    joined_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    online                BOOLEAN      DEFAULT FALSE NOT NULL,
    tunnel_id             VARCHAR(36),
    connected_since       TIMESTAMP WITH TIME ZONE,
    last_seen             TIMESTAMP WITH TIME ZONE,
    proxy_instance        VARCHAR(253),
    remote_addr           VARCHAR(64),
    version               BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT uq_nodes_cluster_name UNIQUE (cluster, name)
);

CREATE TABLE node_labels (
    node_id      VARCHAR(36)  NOT NULL REFERENCES nodes (id),
    label_key    VARCHAR(63)  NOT NULL,
    label_value  VARCHAR(255) NOT NULL,
    PRIMARY KEY (node_id, label_key)
);

CREATE TABLE audit_events (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    event_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type   VARCHAR(64)   NOT NULL,
    cluster      VARCHAR(253)  NOT NULL,
    actor        VARCHAR(128),
    node         VARCHAR(63),
    login        VARCHAR(32),
    session_id   VARCHAR(36),
    remote_addr  VARCHAR(64),
    outcome      VARCHAR(16)   NOT NULL,
    message      VARCHAR(1000)
);

CREATE INDEX ix_audit_events_time ON audit_events (event_time);
CREATE INDEX ix_audit_events_type_time ON audit_events (event_type, event_time);
CREATE INDEX ix_audit_events_session ON audit_events (session_id);
CREATE INDEX ix_web_sessions_user ON web_sessions (user_id);
CREATE INDEX ix_invites_user ON invites (user_id);
