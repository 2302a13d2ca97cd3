-- Trusted clusters. On a root: the leaves that joined it (their CA keys and the key their
-- tunnel certificate is for). On a leaf: the roots it joined (where to dial, the pinned CA, the
-- root's CA keys, its own tunnel key sealed by the key vault and certificate, the role map).
-- Portable between H2 2.x and PostgreSQL.
CREATE TABLE leaf_clusters (
    name                    VARCHAR(63)   NOT NULL PRIMARY KEY,
    user_ca                 VARCHAR(1024) NOT NULL,
    host_ca                 VARCHAR(1024) NOT NULL,
    tunnel_key_fingerprint  VARCHAR(128)  NOT NULL,
    joined_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen               TIMESTAMP WITH TIME ZONE,
    version                 BIGINT        NOT NULL
);

CREATE TABLE root_clusters (
    name                    VARCHAR(63)   NOT NULL PRIMARY KEY,
    proxy_addr              VARCHAR(255)  NOT NULL,
    ca_pin                  VARCHAR(80)   NOT NULL,
    user_ca                 VARCHAR(1024) NOT NULL,
    host_ca                 VARCHAR(1024) NOT NULL,
    tunnel_key              VARCHAR(4096) NOT NULL,
    tunnel_certificate      VARCHAR(4096) NOT NULL,
    role_map                VARCHAR(8192) NOT NULL,
    forward_audit           BOOLEAN       NOT NULL,
    joined_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL
);
