#!/usr/bin/env bash
# Keystroke-to-echo latency of a web console terminal (browser WebSocket -> proxy -> agent tunnel
# -> node PTY -> back) and the proxy's heap per open terminal; prints Markdown tables.
# See docs/performance.md. Needs root (its agent logs in as root). Same Payara domain, ports and
# data folder as bench/ssh-throughput.sh (outpost-bench, 24848/28443, target/bench).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $EUID -ne 0 ]]; then
  echo "bench/terminal-latency.sh must run as root: its agent logs in as root." >&2
  exit 2
fi
# Builds what it runs within the reactor (no install into ~/.m2); bench comes last, so the
# classpath file ends up as bench's.
classpath_file=bench/target/classpath.txt
./mvnw -q -B -ntp -pl ear,agent,cli,bench -am -DskipTests -Djazzer.skip package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.TerminalLatency
