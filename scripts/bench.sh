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
#   scripts/bench.sh rollback [--pairs N] [--modes webhook,poll-3s,poll-default] [--smoke]
#       the real agent under ~60 req/s with a release whose health fails every other commit: failed requests, tip
#       seen -> failed (its log), push -> `status` shows it (from outside), for a webhook and for polling
#   scripts/bench.sh overhead [--rollouts N] [--boot S] [--smoke]
#       the agent's own share of N good rollouts, phase by phase from its ledger and log (app ready at once, and
#       one that boots for S seconds)
#   scripts/bench.sh footprint [--smoke] [--services N] [--settle SECONDS] [--cli-runs N] [--nmt] [--only before|after]
#       [--java-opts FLAGS]
#       the agent's own cost: RSS idle and during a rollout of N services, heap, threads, CLI wall time, through
#       `java -jar` with the JVM's defaults and through the shipped launcher as the systemd unit runs it
#   scripts/bench.sh swaps [--swaps N] [--steady SECONDS] [--smoke [--swarm]]
#       swaps under load side by side, same images and load: the agent (webhook), recreate (docker stop/run),
#       recreate behind Caddy lb_try_duration, Docker Swarm start-first and stop-first (host-mode port), for an
#       app ready at once and one that boots for 8 s; root (it may `docker swarm init`, and leaves if it did)
#   scripts/bench.sh scale [--services 200] [--parallel 4] [--passes 10] [--commits 10000] [--rollouts 10000] [--smoke]
#       the agent's run process (real dockerd through a counting socket, Caddy, Git): first apply of N services with
#       --parallel 1 and P, no-op passes with N/50/10 services, one change among N, Docker calls per pass, a fetch
#       of a repository with many commits, and status/history/GET /status over a ledger of many rollouts
#   scripts/bench.sh --list
#       one benchmark name per line
#   scripts/bench.sh --smoke NAME|all
#       the benchmark (or each in turn) at its smallest: it proves the whole path still runs (CI runs this),
#       records nothing in docs/benchmarks.md and fails if the benchmark could not run
#
# Benchmarks that record (the swap, rollback, scale and footprint ones) append each run to docs/benchmarks.md
# with the date, the machine, the load average and the exact command, and write their plots to docs/benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/.."
# One line per benchmark: its class, and what scripts/components.sh starts for it: docker (dockerd, Caddy, Git) or
# all (PostgreSQL and rclone too).
declare -A benchmarks needs
benchmarks[caddy-reload]=io.driftless.bench.CaddyReloadBenchmark;           needs[caddy-reload]=docker
benchmarks[backup-throughput]=io.driftless.bench.BackupThroughputBenchmark; needs[backup-throughput]=all
benchmarks[rollback]=io.driftless.bench.RollbackBenchmark;                  needs[rollback]=docker
benchmarks[overhead]=io.driftless.bench.OverheadBenchmark;                  needs[overhead]=docker
benchmarks[footprint]=io.driftless.bench.FootprintBenchmark;                needs[footprint]=docker
benchmarks[swaps]=io.driftless.bench.SwapsBenchmark;                      needs[swaps]=docker
benchmarks[scale]=io.driftless.bench.ScaleBenchmark;                      needs[scale]=docker
usage() {
  echo "usage: scripts/bench.sh NAME [ARGS] | --list | --smoke NAME|all; NAME is one of: $(printf '%s\n' "${!benchmarks[@]}" | sort | xargs)" >&2
  exit 2
}
name="${1:-}"
if [ "$name" = --list ]; then
  printf '%s\n' "${!benchmarks[@]}" | sort
  exit 0
fi
compile() {
  [ -z "${DRIFTLESS_BENCH_COMPILED:-}" ] || return 0
  JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  mvn -B -q -pl agent test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
  # Benchmarks that drive the agent as a user would run agent/target/driftless.jar: rebuild it when the
  # sources are newer, so a benchmark never measures yesterday's agent.
  if [ ! -f agent/target/driftless.jar ] || [ -n "$(find agent/src/main agent/pom.xml -newer agent/target/driftless.jar -print -quit)" ]; then
    mvn -B -q -pl agent package -DskipTests
  fi
  export DRIFTLESS_BENCH_COMPILED=1  # once for a whole --smoke all
}
smoke=()
if [ "$name" = --smoke ]; then
  name="${2:-}"
  [ -n "$name" ] || usage
  smoke=(--smoke)
  if [ "$name" = all ]; then
    compile
    status=0
    for each in $(printf '%s\n' "${!benchmarks[@]}" | sort); do
      echo "== bench smoke: $each"
      start=$SECONDS
      if "$0" --smoke "$each"; then
        echo "== bench smoke: $each ok in $((SECONDS - start)) s"
      else
        echo "== bench smoke: $each FAILED after $((SECONDS - start)) s" >&2
        status=1
      fi
    done
    exit "$status"
  fi
  shift
fi
[ -n "$name" ] && [ -n "${benchmarks[$name]:-}" ] || usage
shift
scripts/components.sh "${needs[$name]}" >/dev/null
compile
exec java -Djava.awt.headless=true -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  "${benchmarks[$name]}" "$@" "${smoke[@]}"
