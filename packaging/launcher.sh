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
# Small-footprint flags (issue 9; scripts/bench.sh footprint measures them against the JVM's defaults):
#  - Serial GC, heap 16 MB growing to at most 96 MB (a rollout of 10 services peaks far below); a young generation of
#    8 MB, so the pages a minor GC cycles through stay few; the heap gives memory back after a full GC that leaves it
#    over 30% free (the defaults keep up to 70% free).
#  - C1 only (TieredStopAtLevel=1, one compiler thread): the agent waits on Docker, Git and health probes, and C2's
#    thread, its compile arenas and its second copy of hot code cost more memory than its speed buys here.
#  - Compact object headers (JDK 25): 8-byte headers, a smaller heap for the same objects.
#  - glibc keeps an arena per thread that mallocs (up to 8 per core); two are plenty for the JVM's own mallocs.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086
exec "$home/bin/java" -XX:+UseSerialGC -Xms16m -Xmx${DRIFTLESS_MAX_HEAP:-96m} -Xmn8m -XX:MinHeapFreeRatio=10 \
  -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 \
  -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError $aot ${JAVA_OPTS:-} \
  -jar "$lib/driftless.jar" "$@"
