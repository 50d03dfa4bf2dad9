#!/usr/bin/env bash
# Builds the distributable agent into dist/ (no JDK needed where it runs):
#   dist/driftless/                          jlink runtime + lib/driftless.jar + bin/driftless launcher + AOT cache
#   dist/driftless-<version>-linux-x64.tar.gz that folder, with packaging/driftless.service
#
#   scripts/package.sh [--no-build] [--image]   --no-build reuses agent/target/driftless.jar; --image also builds
#                                               the container image driftless:<version> (packaging/Dockerfile)
#
# Needs a JDK >= 25 (jlink and the AOT cache; scripts/java-home.sh picks one).
set -euo pipefail
cd "$(dirname "$0")/.."
build=yes
for a in "$@"; do case "$a" in --image) export PACKAGE_IMAGE=yes ;; esac; done
for a in "$@"; do case "$a" in --no-build) build=no ;; --image) ;; *) echo "package: unknown argument $a" >&2; exit 2 ;; esac; done
JAVA_HOME="${PACKAGE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/jlink" ] || { echo "package: no jlink under $JAVA_HOME: set PACKAGE_JDK to a JDK 25" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

if [ "$build" = yes ]; then
  (cd agent && mvn -B -q -o package -DskipTests)
fi
jar=agent/target/driftless.jar
[ -f "$jar" ] || { echo "package: $jar is missing: run without --no-build" >&2; exit 1; }
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

out=dist/driftless
rm -rf "$out" dist/driftless-*-linux-x64.tar.gz
mkdir -p dist
# jdeps on the shaded jar sees only java.base; these are what the libraries load by reflection or service lookup
# (JDBC, JMX for Micrometer/Logback, JNDI for Logback, TLS with EC keys for Git over HTTPS, the HTTP server).
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.security.jgss,\
java.instrument,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.zipfs,jdk.management,jdk.net,jdk.charsets
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$out"
mkdir -p "$out/lib/driftless"
cp "$jar" "$out/lib/driftless/driftless.jar"
cp packaging/driftless.service "$out/lib/driftless/driftless.service"
cp packaging/launcher.sh "$out/bin/driftless"
chmod 755 "$out/bin/driftless"

# AOT cache: a training run over CLI paths that need no Docker; the launcher uses it when present.
train=$(mktemp -d "${TMPDIR:-/tmp}/driftless-train.XXXXXX")
trap 'rm -rf "$train"' EXIT
aot="$out/lib/driftless/driftless.aot"
DRIFTLESS_AOT_OUTPUT="$aot" "$out/bin/driftless" validate manifests-example >/dev/null 2>&1 || true
[ -f "$aot" ] || { echo "package: the AOT training run wrote no $aot" >&2; exit 1; }

tar -C dist -czf "dist/driftless-$version-linux-x64.tar.gz" driftless
echo "package: built $out ($(du -sh "$out" | cut -f1)) and dist/driftless-$version-linux-x64.tar.gz ($(du -h "dist/driftless-$version-linux-x64.tar.gz" | cut -f1))"

# --image: the container image from packaging/Dockerfile, on a local base built from this host's files.
if [ "${PACKAGE_IMAGE:-no}" = yes ]; then
  base=$(packaging/base-image.sh "$out" "driftless-base:local")
  docker build -q --build-arg "BASE=$base" -t "driftless:$version" -f packaging/Dockerfile dist >/dev/null
  echo "package: built image driftless:$version (FROM $base)"
fi
