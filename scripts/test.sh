#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs and starts what the tests need (Docker Engine, Caddy, Git,
# busybox, PostgreSQL, rclone from Debian's packages), picks a JDK >= 21, then runs unit, integration and
# end-to-end tests with Maven. Extra arguments go to Maven (e.g. -Dtest=PlannerTest).
#
#   scripts/test.sh           everything (the README's test command; .ci/run runs it)
#   scripts/test.sh --unit    the fast lane: only the pure and fake-host tests, in under a minute. It installs
#                             and starts nothing; test classes marked @Integration (io.driftless.testing) are left
#                             out, and one that needs a component but is not marked fails (agent/pom.xml, profile unit).
set -euo pipefail
cd "$(dirname "$0")/.."
unit=false
if [ "${1:-}" = --unit ]; then
  unit=true
  shift
fi
if ! $unit; then
  scripts/components.sh
fi
JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if $unit; then
  mvn -B test -Punit "$@"
else
  mvn -B verify "$@"
  # The packaged runtime, systemd unit and container image (reuses the jar verify built).
  scripts/package-check.sh
fi
