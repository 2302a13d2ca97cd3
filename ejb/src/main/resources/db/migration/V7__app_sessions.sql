-- Web app sessions: one per user, app and browser launch, bound to the console session that
-- started it (it dies with that session). The launch code is single-use and short-lived; the
-- cookie's token hash is set when the code is redeemed. Portable between H2 2.x and PostgreSQL.
CREATE TABLE app_sessions (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    web_session_id   VARCHAR(36)  NOT NULL REFERENCES web_sessions (id),
    app              VARCHAR(63)  NOT NULL,
    node             VARCHAR(63)  NOT NULL,
    code_hash        VARCHAR(64),
    code_expires_at  TIMESTAMP WITH TIME ZONE,
    token_hash       VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX ux_app_sessions_code ON app_sessions (code_hash);
CREATE UNIQUE INDEX ux_app_sessions_token ON app_sessions (token_hash);
