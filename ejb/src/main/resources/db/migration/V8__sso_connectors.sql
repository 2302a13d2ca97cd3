-- Single sign-on (OpenID Connect).

-- A connector is the resource text an admin applied, without its client secret; the secret is
-- kept apart, sealed with the CA passphrase (AES-256-GCM), base64.
CREATE TABLE sso_connectors (
    name                  VARCHAR(64)    NOT NULL PRIMARY KEY,
    resource              VARCHAR(16384) NOT NULL,
    client_secret_sealed  VARCHAR(2048)  NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT         DEFAULT 0 NOT NULL
);

-- An authorization request on its way through the identity provider: found again by the hash of
-- its state, usable once and for a few minutes only. A code flow keeps nonce and PKCE verifier,
-- a device authorization grant (RFC 8628) the device code.
CREATE TABLE sso_requests (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    state_hash     VARCHAR(64)   NOT NULL,
    connector      VARCHAR(64)   NOT NULL,
    nonce          VARCHAR(128),
    code_verifier  VARCHAR(128),
    device_code    VARCHAR(1024),
    redirect_uri   VARCHAR(2048),
    purpose        VARCHAR(16)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE,
    version        BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT uq_sso_requests_state_hash UNIQUE (state_hash)
);

CREATE INDEX ix_sso_requests_expires ON sso_requests (expires_at);

-- Users created by a single sign-on carry the connector's name and have no password; their
-- traits come from the identity provider's claims at each login.
ALTER TABLE users ADD COLUMN sso_connector VARCHAR(64);

CREATE TABLE user_traits (
    user_id      VARCHAR(36)  NOT NULL REFERENCES users (id),
    trait        VARCHAR(64)  NOT NULL,
    trait_value  VARCHAR(255) NOT NULL,
    PRIMARY KEY (user_id, trait, trait_value)
);
