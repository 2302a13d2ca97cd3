#!/usr/bin/env bash
# GET pods, kubectl get pods and a watch, directly against a Kubernetes API stand-in on loopback
# and through the Outpost Kubernetes proxy (client certificate, agent tunnel on this machine);
# prints a Markdown table. See docs/performance.md. Same Payara domain, ports and data folder as
# bench/ssh-throughput.sh (outpost-bench, 24848/28443, target/bench): run it under the shared lock
# where others test. Needs kubectl on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packages every module (the EAR, agent and CLI the benchmark starts; nothing is installed) and
# writes each module's class path to its target/classpath.txt.
classpath_file=bench/target/classpath.txt
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# nodelay: the stand-in (the JDK's HTTP server, in this JVM) must not stall on delayed ACKs.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Doutpost.root="$PWD" -Dsun.net.httpserver.nodelay=true \
  -cp "bench/target/classes:$(cat "$classpath_file")" dev.outpost.bench.KubeBenchmark
