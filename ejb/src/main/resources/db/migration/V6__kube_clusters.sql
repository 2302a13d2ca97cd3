-- Kubernetes clusters behind agents (issue 6): the node whose agent reaches the API server.
CREATE TABLE kube_clusters (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    cluster        VARCHAR(253) NOT NULL,
    name           VARCHAR(63)  NOT NULL,
    node_name      VARCHAR(63)  NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT       DEFAULT 0 NOT NULL,
    CONSTRAINT uq_kube_clusters_name UNIQUE (cluster, name)
);
