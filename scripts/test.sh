#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs and starts what the tests need (Docker Engine, Caddy, Git,
# busybox, PostgreSQL from Debian's packages), picks a JDK >= 21, then runs unit, integration and
# end-to-end tests with Maven. Extra arguments go to Maven (e.g. -Dtest=PlannerTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/components.sh
JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
mvn -B verify "$@"
