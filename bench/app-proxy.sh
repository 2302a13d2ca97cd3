#!/usr/bin/env bash
# A web app's small page and a 100 MiB download, directly and through the Outpost app proxy
# (client certificate, agent tunnel on this machine); prints a Markdown table. See
# docs/performance.md. Same Payara domain, ports and data folder as bench/ssh-throughput.sh
# (outpost-bench, 24848/28443, target/bench): run it under the shared lock where others test.
#   OUTPOST_BENCH_AUDIT_RATE=0 bench/app-proxy.sh    # without the per-request audit rows
# The upstream (the JDK's HTTP server) runs with TCP_NODELAY: without it, its header and body
# writes met the client's delayed ACK and every direct page took ~40 ms.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages every module (the EAR, agent and CLI the benchmark starts; nothing is installed) and
# writes each module's class path to its target/classpath.txt.
classpath_file=bench/target/classpath.txt
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" \
  -Doutpost.bench.audit.rate="${OUTPOST_BENCH_AUDIT_RATE:-1}" \
  -Djdk.httpclient.allowRestrictedHeaders=host \
  -Dsun.net.httpserver.nodelay=true \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.AppBenchmark
