#!/usr/bin/env bash
# Benchmarks: run by hand, they print their figures and assert nothing (the test suite stays deterministic).
#
#   scripts/bench.sh caddy-reload [--both] [--reloads N] [--workers N] [--rate R] [--shutdown-delay S]
#       failed requests and /load latency while Caddy's routes switch again and again; --both (root)
#       measures with net.ipv4.tcp_migrate_req=0 and =1, then restores the setting
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A benchmarks=([caddy-reload]=io.driftless.bench.CaddyReloadBenchmark)
name="${1:-}"
if [ -z "$name" ] || [ -z "${benchmarks[$name]:-}" ]; then
  echo "usage: scripts/bench.sh NAME [ARGS]; NAME is one of: ${!benchmarks[*]}" >&2
  exit 2
fi
shift
scripts/components.sh docker >/dev/null
JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -pl agent test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  "${benchmarks[$name]}" "$@"
