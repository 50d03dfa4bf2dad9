#!/usr/bin/env bash
# Prints a JAVA_HOME whose java is 21 or newer. Source-friendly: `export JAVA_HOME=$(scripts/java-home.sh)`.
# Order: an already-set JAVA_HOME that is new enough, then every JDK under /usr/lib/jvm (newest first).
set -euo pipefail
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }
ok() { [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
  if ok "$d"; then echo "$d"; exit 0; fi
done
echo "no JDK 21 or newer found: install one (for example Debian's openjdk-21-jdk or a Temurin JDK under /usr/lib/jvm)" >&2
exit 1
