# The proxy: the Outpost EAR on Payara Server 6 (Jakarta EE 10), one public TLS port.
# Build from the repository root after ./mvnw package:
#   docker build -f docker/proxy.Dockerfile -t outpost-proxy .
FROM payara/server-full:6.2025.9-jdk17

ENV OUTPOST_DATA_DIR=/var/lib/outpost \
    OUTPOST_PUBLIC_ADDR=localhost:443
USER root
RUN mkdir -p /var/lib/outpost && chown payara:payara /var/lib/outpost
USER payara
VOLUME /var/lib/outpost

# Domain setup the launcher does for ./mvnw -Prun: HTTPS on the public port, plain HTTP off, the
# jdbc/outpost data source: H2 in the data volume. This image does not read OUTPOST_DB_URL yet: for
# PostgreSQL, add its JDBC driver to the domain's lib/ and a pool like the launcher's
# (DataSourceSetup, docs/operations.md).
COPY --chown=payara:payara docker/proxy-postboot.asadmin ${CONFIG_DIR}/post-boot-commands.asadmin
COPY --chown=payara:payara ear/target/outpost.ear ${DEPLOY_DIR}/

EXPOSE 443
