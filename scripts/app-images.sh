#!/usr/bin/env bash
# Builds tiny local app images for demos and tests. No registry is needed: each image is a
# `docker import` of a rootfs holding Debian's static busybox, an entrypoint and a few CGI scripts.
#
#   scripts/app-images.sh [--repo NAME] [--force] TAG...
#
# Every tag is built from the same rootfs; the tag picks the behaviour, baked in as ENV:
#   v<N>             healthy web app; GET / and GET /api/ answer "app v<N>"
#   v<N>-unhealthy   /cgi-bin/healthz answers 500 "unhealthy"
#   v<N>-nohealth    /cgi-bin/healthz does not exist (404)
#   v<N>-slow<S>     /cgi-bin/healthz answers 503 "starting" for S seconds after start, then 200
#   v<N>-boot<S>     boots for S seconds: nothing listens on the port until then (connections are refused)
#   v<N>-crash       prints "fatal: config missing" to stderr and exits 3 at once
#   v<N>-worker      no HTTP server: logs a line every 2 seconds
# <N> is digits, optionally dotted (v1, v2, v1.4.2). Every web variant also serves
# /cgi-bin/slow?ms=N (sleeps N ms, then answers "app v<N>") and listens on ${PORT:-8080}.
# Idempotent: an existing image tag is kept unless --force is given.
set -euo pipefail

repo=driftless-demo/app
force=no
tags=()
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) [ $# -ge 2 ] || { echo "app-images: --repo needs a NAME" >&2; exit 2; }; repo="$2"; shift 2 ;;
    --repo=*) repo="${1#--repo=}"; shift ;;
    --force) force=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "app-images: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) tags+=("$1"); shift ;;
  esac
done
[ ${#tags[@]} -gt 0 ] || { echo "app-images: give at least one TAG" >&2; usage >&2; exit 2; }

# Prints "version mode health ready_after boot_after" for a tag, or fails naming the grammar.
parse_tag() {
  local tag="$1" version variant
  if [[ ! "$tag" =~ ^(v[0-9]+(\.[0-9]+)*)(-(unhealthy|nohealth|crash|worker|slow[0-9]+|boot[0-9]+))?$ ]]; then
    echo "app-images: tag '$tag' is not v<N>[-unhealthy|-nohealth|-slow<S>|-boot<S>|-crash|-worker] (e.g. v1, v3-slow8)" >&2
    return 1
  fi
  version="${BASH_REMATCH[1]}"; variant="${BASH_REMATCH[4]}"
  case "$variant" in
    "") echo "$version web ok 0 0" ;;
    unhealthy) echo "$version web unhealthy 0 0" ;;
    nohealth) echo "$version web none 0 0" ;;
    crash) echo "$version crash ok 0 0" ;;
    worker) echo "$version worker ok 0 0" ;;
    slow*) echo "$version web ok ${variant#slow} 0" ;;
    boot*) echo "$version web ok 0 ${variant#boot}" ;;
  esac
}

for tag in "${tags[@]}"; do parse_tag "$tag" >/dev/null || exit 2; done

busybox=/bin/busybox
# grep without -q: an early exit would SIGPIPE busybox and, under pipefail, fail the check at random.
if [ ! -x "$busybox" ] || ! "$busybox" --list 2>/dev/null | grep -x httpd >/dev/null; then
  echo "app-images: $busybox (with httpd) is missing: run scripts/components.sh (installs busybox-static)" >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  echo "app-images: cannot reach Docker (docker info failed): run scripts/components.sh (starts dockerd)" >&2
  exit 1
fi

workdir=""
cleanup() { [ -z "$workdir" ] || rm -rf "$workdir"; }
trap cleanup EXIT

# The rootfs is built once per run, only when some tag needs building.
build_rootfs() {
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/app-images.XXXXXX")
  local root="$workdir/rootfs"
  mkdir -p "$root"/{bin,app,www/cgi-bin,etc,tmp}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in sh ash cat date echo env expr grep head hostname id kill ls mkdir printf ps rm \
                sed sleep tail test tr true false usleep wget httpd nc awk cut seq touch; do
    ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  # busybox httpd: default content type for the root page; no auth, no proxying.
  printf '.html:text/html\n.txt:text/plain\n' >"$root/etc/httpd.conf"

  cat >"$root/app/start" <<'EOF'
#!/bin/sh
# Entrypoint of the demo app; the image's ENV picks the behaviour (see scripts/app-images.sh).
version="${APP_VERSION:-v0}"
date +%s >/tmp/started
case "${APP_MODE:-web}" in
  crash)
    echo "app $version starting"
    echo "fatal: config missing" >&2
    exit 3 ;;
  worker)
    echo "app $version worker starting"
    n=0
    while true; do
      n=$((n + 1))
      echo "app $version worker: tick $n"
      sleep 2
    done ;;
esac
printf 'app %s\n' "$version" >/www/index.html
mkdir -p /www/api && cp /www/index.html /www/api/index.html
[ "${APP_HEALTH:-ok}" = none ] && rm -f /www/cgi-bin/healthz
if [ "${APP_BOOT_AFTER:-0}" -gt 0 ]; then
  echo "app $version booting for ${APP_BOOT_AFTER}s (not listening yet)"
  sleep "${APP_BOOT_AFTER}"
fi
echo "app $version listening on :${PORT:-8080} (health=${APP_HEALTH:-ok}, ready after ${APP_READY_AFTER:-0}s)"
exec httpd -f -v -p "${PORT:-8080}" -h /www -c /etc/httpd.conf
EOF

  cat >"$root/www/cgi-bin/healthz" <<'EOF'
#!/bin/sh
answer() { printf 'Status: %s\r\nContent-Type: text/plain\r\n\r\n%s\n' "$1" "$2"; exit 0; }
[ "${APP_HEALTH:-ok}" = unhealthy ] && answer "500 Internal Server Error" unhealthy
started=$(cat /tmp/started 2>/dev/null || echo 0)
if [ $(( $(date +%s) - started )) -lt "${APP_READY_AFTER:-0}" ]; then
  answer "503 Service Unavailable" starting
fi
answer "200 OK" ok
EOF

  cat >"$root/www/cgi-bin/slow" <<'EOF'
#!/bin/sh
# GET /cgi-bin/slow?ms=N: holds the request N milliseconds (for in-flight drain tests).
ms=$(printf '%s' "${QUERY_STRING:-}" | sed -n 's/.*\(^\|&\)ms=\([0-9][0-9]*\).*/\2/p')
[ -n "$ms" ] && usleep $((ms * 1000))
printf 'Status: 200 OK\r\nContent-Type: text/plain\r\n\r\napp %s\n' "${APP_VERSION:-v0}"
EOF
  chmod 755 "$root/app/start" "$root/www/cgi-bin/healthz" "$root/www/cgi-bin/slow"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$workdir/rootfs.tar" .
}

# Images remember the version of this script that built them, so a change here rebuilds them.
recipe=$(sha256sum "$0" | cut -c1-16)
for tag in "${tags[@]}"; do
  ref="$repo:$tag"
  if [ "$force" = no ] && docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$ref" 2>/dev/null \
      | grep -x "APP_RECIPE=$recipe" >/dev/null; then
    echo "app-images: $ref is there (kept; --force rebuilds)"
    continue
  fi
  [ -n "$workdir" ] || build_rootfs
  read -r version mode health ready_after boot_after < <(parse_tag "$tag")
  changes=(-c "ENV APP_VERSION=$version" -c "ENV APP_MODE=$mode" -c "ENV APP_HEALTH=$health"
           -c "ENV APP_READY_AFTER=$ready_after" -c "ENV APP_BOOT_AFTER=$boot_after" -c "ENV PATH=/bin" -c "ENV APP_RECIPE=$recipe" -c 'CMD ["/app/start"]')
  [ "$mode" = web ] && changes+=(-c 'EXPOSE 8080')
  docker import "${changes[@]}" -m "driftless demo app $tag" "$workdir/rootfs.tar" "$ref" >/dev/null
  echo "app-images: built $ref"
done
