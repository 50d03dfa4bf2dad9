#!/usr/bin/env bash
# Builds a local PostgreSQL image for demos and tests. No registry is needed: the image is a `docker import` of a
# rootfs holding the host's Debian PostgreSQL (/usr/lib/postgresql/<major>, /usr/share/postgresql/<major>), the
# libraries `ldd` lists for it, Debian's static busybox as /bin/sh, a postgres user and an entrypoint.
#
#   scripts/pg-image.sh [--repo NAME] [--major N] [--force]
#
# Builds NAME:N (default driftless-demo/postgres:15). The container runs as the postgres user; on its first start
# the entrypoint runs initdb into /var/lib/postgresql/data (locale C, encoding UTF8), then runs postgres in the
# foreground. Local socket connections (/var/run/postgresql) are trusted; TCP on the container's address needs a
# password (scram-sha-256). On first start it also creates, when set:
#   PG_APP_USER       a login role with CREATEDB (a drill's role needs it)
#   PG_APP_DB         a database owned by PG_APP_USER (default: PG_APP_USER)
#   PG_APP_PASSWORD   the role's password, for TCP connections only (never needed on the socket)
# Idempotent: an existing image is kept unless --force is given or this script changed since it was built.
set -euo pipefail

repo=driftless-demo/postgres
major=15
force=no
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) [ $# -ge 2 ] || { echo "pg-image: --repo needs a NAME" >&2; exit 2; }; repo="$2"; shift 2 ;;
    --repo=*) repo="${1#--repo=}"; shift ;;
    --major) [ $# -ge 2 ] || { echo "pg-image: --major needs a number" >&2; exit 2; }; major="$2"; shift 2 ;;
    --major=*) major="${1#--major=}"; shift ;;
    --force) force=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "pg-image: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$major" =~ ^[0-9]+$ ]] || { echo "pg-image: --major must be a number like 15, not '$major'" >&2; exit 2; }

pglib=/usr/lib/postgresql/$major
pgshare=/usr/share/postgresql/$major
busybox=/bin/busybox
if [ ! -x "$pglib/bin/postgres" ] || [ ! -d "$pgshare" ]; then
  echo "pg-image: PostgreSQL $major is not installed on this host ($pglib/bin/postgres, $pgshare):" \
       "run scripts/components.sh (installs postgresql-$major)" >&2
  exit 1
fi
if [ ! -x "$busybox" ]; then
  echo "pg-image: $busybox is missing: run scripts/components.sh (installs busybox-static)" >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  echo "pg-image: cannot reach Docker (docker info failed): run scripts/components.sh (starts dockerd)" >&2
  exit 1
fi

ref="$repo:$major"
# Images remember the version of this script that built them, so a change here rebuilds them.
recipe=$(sha256sum "$0" | cut -c1-16)
if [ "$force" = no ] && docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$ref" 2>/dev/null \
    | grep -x "PG_RECIPE=$recipe" >/dev/null; then
  echo "pg-image: $ref is there (kept; --force rebuilds)"
  exit 0
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/pg-image.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
root="$workdir/rootfs"
mkdir -p "$root"/{bin,etc,tmp,var/run/postgresql,var/lib/postgresql,usr/lib/postgresql,usr/share/postgresql,usr/share}
chmod 1777 "$root/tmp"

# The programs and their data; JIT (llvmjit, bitcode) would pull in all of LLVM and stays out (jit = off).
cp -a "$pglib" "$root/usr/lib/postgresql/"
rm -rf "$root$pglib/lib/bitcode" "$root$pglib"/lib/llvmjit*
cp -a "$pgshare" "$root/usr/share/postgresql/"
cp -a /usr/share/zoneinfo "$root/usr/share/"

# Every shared library any of them loads, with the dynamic loader; ldd lists the whole closure (and fails on the
# scripts among them, which is why its status is not checked).
libs=$(find "$root$pglib" -type f \( -perm -u+x -o -name '*.so' \) -print0 \
  | { xargs -0 -n 50 ldd 2>/dev/null || true; } \
  | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | sort -u)
[ -n "$libs" ] || { echo "pg-image: ldd listed no libraries for $pglib; is ldd installed?" >&2; exit 1; }
for lib in $libs; do
  # Keep the path the loader asks for (/lib/x86_64-linux-gnu/...), the file behind any symlink.
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# Debian's /lib is a symlink to /usr/lib: give the rootfs the same layout, so both paths find the libraries.
if [ -d "$root/lib" ] && [ ! -L "$root/lib" ]; then
  mkdir -p "$root/usr/lib"
  cp -a "$root/lib/." "$root/usr/lib/"
  rm -rf "$root/lib"
  ln -s usr/lib "$root/lib"
fi
if [ -d "$root/lib64" ] && [ ! -L "$root/lib64" ]; then
  mkdir -p "$root/usr/lib64"
  cp -a "$root/lib64/." "$root/usr/lib64/"
  rm -rf "$root/lib64"
  ln -s usr/lib64 "$root/lib64"
fi

cp "$busybox" "$root/bin/busybox"
for applet in sh cat chmod echo env grep head id kill ls mkdir printf rm sed sleep test timeout true false; do
  ln -s busybox "$root/bin/$applet"
done
ln -s ../bin "$root/usr/bin" 2>/dev/null || true

uid=999
printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:%s:%s:PostgreSQL:/var/lib/postgresql:/bin/sh\n' "$uid" "$uid" >"$root/etc/passwd"
printf 'root:x:0:\npostgres:x:%s:\n' "$uid" >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
chown -R "$uid:$uid" "$root/var/run/postgresql" "$root/var/lib/postgresql"
chmod 2775 "$root/var/run/postgresql"

cat >"$root/entrypoint" <<EOF
#!/bin/sh
# Entrypoint of the demo PostgreSQL image (see scripts/pg-image.sh): initdb on first start, then postgres.
set -e
bin=$pglib/bin
EOF
cat >>"$root/entrypoint" <<'EOF'
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
  # Its output only matters when it fails (busybox has no `locale`, which initdb asks and does without).
  if ! "$bin/initdb" -D "$data" -U postgres --locale=C --encoding=UTF8 --auth-local=trust \
      --auth-host=scram-sha-256 --no-instructions >/tmp/initdb.log 2>&1; then
    cat /tmp/initdb.log >&2
    exit 1
  fi
  {
    echo "listen_addresses = '*'"
    echo "unix_socket_directories = '/var/run/postgresql'"
    echo "jit = off"
  } >>"$data/postgresql.conf"
  echo "host all all all scram-sha-256" >>"$data/pg_hba.conf"
  if [ -n "${PG_APP_USER:-}" ]; then
    # Its socket is elsewhere while it sets up, so nobody connects before the real start.
    "$bin/pg_ctl" -D "$data" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start >/dev/null
    # The names go in as psql variables (:"name" quotes an identifier, :'x' a literal): nothing is spliced into SQL.
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h /tmp -U postgres -d postgres -v user="$PG_APP_USER" \
      -v db="${PG_APP_DB:-$PG_APP_USER}" -v password="${PG_APP_PASSWORD:-}" <<'SQL'
create role :"user" login createdb;
select length(:'password') > 0 as has_password \gset
\if :has_password
alter role :"user" password :'password';
\endif
create database :"db" owner :"user";
SQL
    "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  echo "pg-image: initialised $data"
fi
exec "$bin/postgres" -D "$data"
EOF
chmod 755 "$root/entrypoint"

tar --numeric-owner -C "$root" -cf "$workdir/rootfs.tar" .
docker import -c "ENV PATH=$pglib/bin:/bin" -c "ENV PGDATA=/var/lib/postgresql/data" -c "ENV PG_RECIPE=$recipe" \
  -c "USER postgres" -c "EXPOSE 5432" -c 'CMD ["/entrypoint"]' \
  -m "driftless demo PostgreSQL $major from the host's Debian packages" "$workdir/rootfs.tar" "$ref" >/dev/null
echo "pg-image: built $ref"
