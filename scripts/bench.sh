#!/usr/bin/env bash
# Benchmarks: run by hand, they print their figures and assert nothing (the test suite stays deterministic).
#
#   scripts/bench.sh caddy-reload [--both] [--reloads N] [--workers N] [--rate R] [--shutdown-delay S]
#       failed requests and /load latency while Caddy's routes switch again and again; --both (root)
#       measures with net.ipv4.tcp_migrate_req=0 and =1, then restores the setting
#   scripts/bench.sh backup-throughput [--runs N] [--rows N]
#       plain pg_dump/pg_restore against the agent's backup (dump + read-back + sha256 + fsync + sidecar) and
#       restore drill, on a ~100 MB database it makes on the host's PostgreSQL and drops afterwards (root: it
#       creates the role and database as the postgres user)
#   scripts/bench.sh scale [--services 200] [--parallel 4] [--passes 10] [--commits 10000] [--rollouts 10000] [--smoke]
#       the agent's run process (real dockerd through a counting socket, Caddy, Git): first apply of N services with
#       --parallel 1 and P, no-op passes with N/50/10 services, one change among N, Docker calls per pass, a fetch
#       of a repository with many commits, and status/history/GET /status over a ledger of many rollouts
#   scripts/bench.sh --list
#       one benchmark name per line
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A benchmarks=([caddy-reload]=io.driftless.bench.CaddyReloadBenchmark
                       [backup-throughput]=io.driftless.bench.BackupThroughputBenchmark
                       [scale]=io.driftless.bench.ScaleBenchmark)
# What scripts/components.sh starts for each: docker (dockerd, Caddy, Git) or all (PostgreSQL and rclone too).
declare -A needs=([caddy-reload]=docker [backup-throughput]=all [scale]=docker)
name="${1:-}"
if [ "$name" = --list ]; then
  printf '%s\n' "${!benchmarks[@]}" | sort
  exit 0
fi
if [ -z "$name" ] || [ -z "${benchmarks[$name]:-}" ]; then
  echo "usage: scripts/bench.sh NAME [ARGS] | --list; NAME is one of: $(printf '%s\n' "${!benchmarks[@]}" | sort | xargs)" >&2
  exit 2
fi
shift
scripts/components.sh "${needs[$name]}" >/dev/null
JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B -q -pl agent test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  "${benchmarks[$name]}" "$@"
