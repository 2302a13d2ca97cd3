#!/usr/bin/env bash
# A node behind a leaf cluster, reached by a root user through root → leaf → node and by a leaf
# user through the leaf alone: bulk throughput and `ssh node true`; prints a Markdown table. See
# docs/performance.md ("Trusted clusters").
#   bench/trusted-cluster.sh                          # 3 × 512 MiB per path
#   OUTPOST_BENCH_MIB=1024 bench/trusted-cluster.sh
# Needs root (it logs in as root on the node). Two Payara domains on this host: the root is
# outpost-bench (admin 24848, HTTPS 28443, target/bench) as for bench/ssh-throughput.sh, the leaf
# outpost-bench-leaf (admin 34848, HTTPS 38443, target/bench-leaf); both data folders are wiped
# per run. Run it under the shared lock where others test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $EUID -ne 0 ]]; then
  echo "bench/trusted-cluster.sh must run as root: it logs in as root on the node." >&2
  exit 2
fi

# One reactor build packages what the benchmark starts and writes each module's class path to
# its target/classpath.txt, the modules of this checkout resolved to their fresh jars.
classpath_file=bench/target/classpath.txt
./mvnw -q -B -ntp -DskipTests -Djazzer.skip -pl bench,ear,cli -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" \
  -Doutpost.bench.mebibytes="${OUTPOST_BENCH_MIB:-512}" \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.TrustedClusterBenchmark
