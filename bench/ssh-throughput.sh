#!/usr/bin/env bash
# SSH through the Outpost tunnel against direct OpenSSH on this machine, plus the agent's memory
# and the proxy's heap per idle tunnel; prints Markdown tables. See docs/performance.md.
#   bench/ssh-throughput.sh                         # 200 simulated idle agents
#   OUTPOST_BENCH_TUNNELS=1000 bench/ssh-throughput.sh
# Needs root (it starts sshd and logs in as root over both paths) and openssh-server.
# Its Payara domain is outpost-bench (admin 24848, HTTPS 28443), its data target/bench, wiped per
# run: it never collides with ./mvnw -Prun (4848/8443) or the integration tests (14848/18443).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $EUID -ne 0 ]]; then
  echo "bench/ssh-throughput.sh must run as root: it starts sshd and logs in as root over both paths." >&2
  exit 2
fi
if [[ ! -x /usr/sbin/sshd ]]; then
  echo "bench/ssh-throughput.sh needs OpenSSH's sshd as the baseline: apt-get install openssh-server" >&2
  exit 2
fi

artifacts=(ear/target/outpost.ear agent/target/outpost-agent.jar cli/target/outpost.jar bench/target/classes)
for artifact in "${artifacts[@]}"; do
  if [[ ! -e "$artifact" ]]; then
    echo "[bench] $artifact missing: building (./mvnw -q -DskipTests package)" >&2
    ./mvnw -q -B -ntp -DskipTests -Djazzer.skip package
    break
  fi
done

classpath_file=bench/target/classpath.txt
./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$classpath_file"
# This tree's own modules first: the Outpost jars in ~/.m2 may come from another checkout.
modules=launcher/target/classes:client/target/classes:tunnel/target/classes:api/target/classes:agent/target/classes
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" -Doutpost.bench.tunnels="${OUTPOST_BENCH_TUNNELS:-200}" \
  -cp "bench/target/classes:$modules:$(cat "$classpath_file")" dev.outpost.bench.SshBenchmark
