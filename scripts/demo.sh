#!/usr/bin/env bash
# The Driftless demo: the agent runs the bundled manifests-example/ against this machine's Docker and a
# Caddy of its own, from a local Git repository (no registry, no network). You watch it:
#   1. deploy v1 of the example (web, api, worker) on an empty host,
#   2. release web v2 blue/green while requests keep flowing (count the failures: zero),
#   3. release a broken v3 whose health check fails: traffic never leaves v2, the commit is marked failed,
#   4. `git revert` the broken commit: the agent converges and is Ready again,
#   5. push a backup policy for a database on the host's PostgreSQL: one backup (verified, copied offsite),
#   6. a restore drill of it (restored into a scratch database, checked, dropped) and a break-glass restore
#      dry run (it prints the plan, changes nothing); `status` shows the backup and the drill.
#
#   scripts/demo.sh          run the story, then leave the agent running (Ctrl-C stops and cleans up)
#   scripts/demo.sh --once   run the story, then stop and clean up (what CI runs)
#
# Everything it makes lives in demo-state/ (git-ignored), in containers named driftless-demo-*, and on the
# host's PostgreSQL (127.0.0.1:5432) in the role driftless_demo and the databases it owns. One demo at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
once=no
[ "${1:-}" = "--once" ] && once=yes

demo="$root/demo-state"
admin_port=2999
listen_port=8080
status_port=7878
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/components.sh             # everything, not just `docker`: the backup steps need PostgreSQL
JAVA_HOME="$(scripts/java-home.sh)"; export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if [ ! -f agent/target/driftless.jar ]; then
  say "building the agent (first run only)"
  mvn -B -q -DskipTests package
fi
scripts/app-images.sh v1 v2 v3-unhealthy v1-worker

db=driftless_demo
db_url="postgresql://$db@127.0.0.1:5432/$db"
as_postgres() { (cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -d postgres ${1:-}"); }   # SQL on stdin

pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  docker ps -aq --filter label=io.driftless.instance=driftless-demo | xargs -r docker rm -f >/dev/null
  docker network rm driftless-demo >/dev/null 2>&1
  # Every database the demo's role owns: its own, and what a drill or restore cut short left behind
  # (driftless_drill_*, driftless_restore_*, driftless_demo_replaced_*); then the role.
  for d in $(as_postgres -At <<<"select datname from pg_database where datdba = (select oid from pg_roles where rolname = '$db')" 2>/dev/null); do
    as_postgres <<<"drop database if exists \"$d\" with (force)"
  done
  as_postgres <<<"drop role if exists $db" 2>/dev/null
  rm -rf "$demo/backups" "$demo/offsite" "$demo/db.pass"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup

rm -rf "$demo"; mkdir -p "$demo/caddy"
say "a Git repository holding manifests-example/ (the agent follows its main branch)"
git init -q --bare -b main "$demo/repo.git"
git clone -q "$demo/repo.git" "$demo/work" 2>/dev/null
cp manifests-example/driftless.yaml "$demo/work/"
g() { git -C "$demo/work" -c user.name=demo -c user.email=demo@example.com "$@"; }
g checkout -q -b main
g add driftless.yaml && g commit -q -m "web, api and worker at v1" && g push -q origin main

say "Caddy with its admin API on 127.0.0.1:$admin_port (the agent owns its config)"
echo "{\"admin\": {\"listen\": \"127.0.0.1:$admin_port\"}}" > "$demo/caddy/boot.json"
XDG_CONFIG_HOME="$demo/caddy" XDG_DATA_HOME="$demo/caddy" HOME="$demo/caddy" \
  caddy run --config "$demo/caddy/boot.json" > "$demo/caddy/caddy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$admin_port/config/" >/dev/null 2>&1 && break; sleep 0.2; done

say "the agent: driftless run (its log follows)"
# The flags of `run` that the backup, drill and restore commands below take too (they work beside it).
agent_flags=(--repo "file://$demo/repo.git" --branch main --state-dir "$demo/state"
  --caddy-admin "http://127.0.0.1:$admin_port" --instance driftless-demo)
java -jar agent/target/driftless.jar run "${agent_flags[@]}" \
  --interval 2s --jitter 0s --listen "127.0.0.1:$status_port" > >(sed -u "s/^/  agent | /") 2>&1 &
pids+=($!)

wait_for() { # what, seconds, command...
  local what="$1" secs="$2"; shift 2
  for _ in $(seq 1 $((secs * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "demo: waited ${secs}s for $what; see the agent's log above" >&2; exit 1
}
serves() { [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$listen_port/")" = "app $1" ]; }
status() { java -jar agent/target/driftless.jar status --state-dir "$demo/state" "$@"; }
applied_is() { status --json | grep -q "\"lastAppliedRevision\": *\"$(g rev-parse HEAD)\""; }
failed_has() { status --json | grep -q "\"revision\": *\"$(g rev-parse HEAD)\""; }

wait_for "v1 to answer through Caddy" 90 serves v1
say "http://127.0.0.1:$listen_port/ answers: $(curl -fsS "http://127.0.0.1:$listen_port/")"

# A client that sends requests all the time and counts every failure (no retries).
load() {
  local ok=0 bad=0
  while [ ! -f "$demo/stop-load" ]; do
    if curl -fsS --max-time 2 "http://127.0.0.1:$listen_port/" >/dev/null 2>&1; then ok=$((ok+1)); else bad=$((bad+1)); fi
    echo "$ok $bad" > "$demo/load"
    sleep 0.02
  done
}
load & pids+=($!)

say "release: web v1 -> v2 (git commit + push), while requests keep flowing"
sed -i '0,/driftless-demo\/app:v1$/s//driftless-demo\/app:v2/' "$demo/work/driftless.yaml"
g commit -q -am "web v2" && g push -q origin main
wait_for "v2 to be applied" 90 applied_is
read -r ok bad < "$demo/load"
say "web now answers: $(curl -fsS "http://127.0.0.1:$listen_port/")   requests so far: $ok ok, $bad failed"

say "release: a broken v3 (its health check answers 500)"
sed -i 's/driftless-demo\/app:v2$/driftless-demo\/app:v3-unhealthy/' "$demo/work/driftless.yaml"
g commit -q -am "web v3" && g push -q origin main
wait_for "the broken commit to be refused" 90 failed_has
read -r ok bad < "$demo/load"
say "traffic never left v2: $(curl -fsS "http://127.0.0.1:$listen_port/")   requests so far: $ok ok, $bad failed"
status

say "the way back: git revert of the broken commit"
g revert --no-edit HEAD >/dev/null && g push -q origin main
wait_for "the revert to be applied" 90 applied_is
touch "$demo/stop-load"; sleep 0.3
read -r ok bad < "$demo/load"
status
say "done: $ok requests answered, $bad failed, through two releases and one refused release"
if [ "$bad" -ne 0 ]; then echo "demo: $bad requests failed" >&2; exit 1; fi

say "backups live in the repository too: a database on the host's PostgreSQL, and a git push of its backup policy"
pw=$(openssl rand -hex 16)
(umask 077; printf '%s\n' "$pw" > "$demo/db.pass")   # the policy's passwordFile: mode 0600, never in argv
as_postgres <<SQL
create role $db login createdb password '$pw';  -- CREATEDB: the drill restores into a scratch database
create database $db owner $db;
SQL
PGPASSWORD="$pw" psql -X -q -v ON_ERROR_STOP=1 "$db_url" \
  -c "create table visits (id bigint generated always as identity primary key, at timestamptz not null default now(), path text not null)" \
  -c "insert into visits (path) select '/page/' || g from generate_series(1, 1000) g"
cat >> "$demo/work/driftless.yaml" <<YAML

backups:
  demo-db:
    postgres:
      url: "$db_url"
      passwordFile: "$demo/db.pass"
    schedule: "0 3 * * *"           # the demo takes its backup by hand below
    target: "$demo/backups"
    keep: {last: 3, daily: 7, weekly: 4}
    offsite: {dir: "$demo/offsite"}
    verify:
      restore: daily
      query: "select count(*) = 1000 from visits"
YAML
g commit -q -am "backups: demo-db, daily drill" && g push -q origin main
wait_for "the backup policy to be applied" 90 applied_is

driftless() { java -jar agent/target/driftless.jar "$@"; }
fail() { echo "demo: $*; see the agent's log above" >&2; exit 1; }
say "driftless backup run demo-db: pg_dump, read back whole (pg_restore), sha256 beside it, copied offsite and compared"
driftless backup run demo-db "${agent_flags[@]}" || fail "backup run exited $?"
say "driftless backup list demo-db"
driftless backup list demo-db --state-dir "$demo/state"
say "on disk, and offsite"
ls -l "$demo/backups/demo-db" "$demo/offsite/demo-db"
say "driftless drill restore demo-db: the newest verified backup into a scratch database, verify.query, dropped"
driftless drill restore demo-db "${agent_flags[@]}" || fail "drill restore exited $?"
say "break glass, dry run: driftless restore demo-db --to $db_url (without --yes nothing changes)"
driftless restore demo-db --to "$db_url" "${agent_flags[@]}" || fail "the restore's dry run exited $?"
backed_up() { status --json | grep -q '"verified": *true' && status --json | grep -q '"passed": *true'; }
wait_for "status to show a verified backup and a passed drill" 10 backed_up
status

if [ "$once" = yes ]; then exit 0; fi
say "the agent keeps running: edit $demo/work/driftless.yaml, commit and push (git -C $demo/work push), watch it converge."
say "status: java -jar agent/target/driftless.jar status --state-dir $demo/state   |   Ctrl-C stops the demo"
wait
