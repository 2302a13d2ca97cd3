# The agent: a small JVM that dials out to the proxy and serves SSH through the reverse tunnel.
# Build from the repository root after ./mvnw package:
#   docker build -f docker/agent.Dockerfile -t outpost-agent .
# Run (the token is needed only for the first start; the identity lives in the volume):
#   docker run -v outpost-agent:/var/lib/outpost-agent outpost-agent \
#     start --proxy=proxy.example.com:443 --token=… --ca-pin=sha256:… --name=node-r1
FROM eclipse-temurin:17-jre

RUN apt-get update && apt-get install -y --no-install-recommends openssh-sftp-server util-linux \
    && rm -rf /var/lib/apt/lists/*
COPY agent/target/outpost-agent.jar /opt/outpost/outpost-agent.jar
VOLUME /var/lib/outpost-agent

ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-Xms12m", "-Xmx48m", "-Xmn4m", "-Xss256k", "-XX:+UseSerialGC", \
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-TieredCompilation", \
            "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=64m", \
            "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/opt/outpost/outpost-agent.jar"]
CMD ["start", "--data-dir=/var/lib/outpost-agent"]
