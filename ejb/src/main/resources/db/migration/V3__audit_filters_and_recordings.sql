-- Outpost schema, version 3: audit event targets and filter indexes; session recordings.
-- Portable between H2 2.x and PostgreSQL, as V1.

ALTER TABLE audit_events ADD COLUMN target VARCHAR(255);

-- outpost audit --user= / --node= list one actor's or one node's events in time order
CREATE INDEX ix_audit_events_actor_time ON audit_events (actor, event_time);
CREATE INDEX ix_audit_events_node_time ON audit_events (node, event_time);

-- One row per recorded terminal session; the bytes live in the recording store (data dir).
CREATE TABLE recordings (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    cluster         VARCHAR(253) NOT NULL,
    node            VARCHAR(63)  NOT NULL,
    session_id      VARCHAR(36),
    user_name       VARCHAR(128),
    login           VARCHAR(32),
    format_version  INTEGER      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE,
    size_bytes      BIGINT       DEFAULT 0 NOT NULL,
    sha256          VARCHAR(64),
    completed_at    TIMESTAMP WITH TIME ZONE,
    version         BIGINT       DEFAULT 0 NOT NULL
);

CREATE INDEX ix_recordings_started ON recordings (started_at);
CREATE INDEX ix_recordings_session ON recordings (session_id);
