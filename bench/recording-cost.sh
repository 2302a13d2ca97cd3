#!/usr/bin/env bash
# Throughput of a terminal through the tunnel recorded at the node against the same terminal
# unrecorded, with the agent's CPU and memory; prints a Markdown table. See docs/performance.md.
#   bench/recording-cost.sh                       # 128 MiB of random bytes, base64, per run
#   OUTPOST_BENCH_RECORDING_MIB=512 bench/recording-cost.sh
# Needs root (it logs in as root on the node). Uses the Payara domain outpost-bench (admin 24848,
# HTTPS 28443) and target/bench, wiped per run, as bench/ssh-throughput.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $EUID -ne 0 ]]; then
  echo "bench/recording-cost.sh must run as root: it logs in as root on the node." >&2
  exit 2
fi

# One reactor build packages what the benchmark starts and writes each module's class path to
# its target/classpath.txt, the modules of this checkout resolved to their fresh jars.
classpath_file=bench/target/classpath.txt
./mvnw -q -B -ntp -DskipTests -pl bench,ear,cli -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" \
  -Doutpost.bench.recording.mib="${OUTPOST_BENCH_RECORDING_MIB:-128}" \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.RecordingCost
