#!/usr/bin/env bash
# A reconnect storm against the proxy at its default admission rate: 2,000 simulated agents (one
# JVM, the agent's own supervisor each) dial at once, then all links drop at once and they dial
# again; prints a Markdown table. See docs/performance.md, "Reconnect storm".
#   bench/reconnect-storm.sh
#   OUTPOST_BENCH_STORM_AGENTS=500 bench/reconnect-storm.sh
#   OUTPOST_TUNNEL_ADMISSION_RATE=20 OUTPOST_TUNNEL_ADMISSION_BURST=40 bench/reconnect-storm.sh  # the proxy inherits them
# Its Payara domain is outpost-bench (admin 24848, HTTPS 28443), its data target/bench, wiped per
# run. Run it under the shared lock on a machine others use: flock /tmp/outpost-payara.lock ...
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=bench/target/classpath.txt
# package (never install): the reactor's own jars, the EAR included, are what the run uses
./mvnw -q -B -ntp -DskipTests -Djazzer.skip -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" \
  -Doutpost.bench.storm.agents="${OUTPOST_BENCH_STORM_AGENTS:-2000}" \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.ReconnectStormBenchmark
