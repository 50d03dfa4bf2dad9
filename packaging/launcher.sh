#!/bin/sh
# Launcher of the packaged Driftless agent (scripts/package.sh copies it to bin/driftless).
# Runs the bundled Java runtime with small-footprint flags; JAVA_OPTS adds or overrides flags.
set -e
self=$0
# Resolve symlinks (/usr/bin/driftless -> /opt/driftless/bin/driftless) to find the runtime.
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case "$link" in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
home=$(cd "$(dirname "$self")/.." && pwd -P)
lib=$home/lib/driftless
aot=
if [ -n "${DRIFTLESS_AOT_OUTPUT:-}" ]; then
  aot=-XX:AOTCacheOutput=$DRIFTLESS_AOT_OUTPUT
elif [ -f "$lib/driftless.aot" ]; then
  aot=-XX:AOTCache=$lib/driftless.aot
fi
tier=
[ "${1:-}" = run ] || tier=-XX:TieredStopAtLevel=1
# shellcheck disable=SC2086
exec "$home/bin/java" -XX:+UseSerialGC -Xms16m -Xmx${DRIFTLESS_MAX_HEAP:-96m} -XX:MaxMetaspaceSize=96m -Xss512k \
  -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError $tier $aot ${JAVA_OPTS:-} \
  -jar "$lib/driftless.jar" "$@"
