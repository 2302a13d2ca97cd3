#!/usr/bin/env bash
# What resumable tunnel streams cost, on the tunnel library alone (both ends in one JVM, in memory):
# bulk throughput with and without the replay bookkeeping, a new connection to the first byte of a
# resumed stream, heap per idle stream. Prints Markdown tables; see docs/performance.md. Needs no
# server, no root and no lock.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=bench/target/classpath.txt
./mvnw -q -B -ntp -pl bench -am -DskipTests -Djazzer.skip package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.TunnelResume
