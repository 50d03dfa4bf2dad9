#!/usr/bin/env bash
# Installs (from Debian's packages) and starts what Driftless talks to: Docker Engine, Caddy, Git,
# busybox (for the locally built test and demo images), PostgreSQL and rclone (a real offsite
# remote). Idempotent: run it as often as you like; it installs only what is missing and starts
# only what is stopped, then waits until each component answers. It also sets (and keeps, in
# /etc/sysctl.d/60-driftless.conf) the one kernel setting zero-downtime switches need:
# net.ipv4.tcp_migrate_req=1 (see README, "Host set-up").
#
#   scripts/components.sh            everything
#   scripts/components.sh docker     only what the agent needs at run time (docker, caddy, git)
set -euo pipefail
want="${1:-all}"
log() { printf 'components: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pkgs=()
command -v dockerd >/dev/null 2>&1 || pkgs+=(docker.io)
{ [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -x httpd >/dev/null; } || pkgs+=(busybox-static)
command -v caddy >/dev/null 2>&1 || pkgs+=(caddy)
command -v git >/dev/null 2>&1 || pkgs+=(git)
if [ "$want" = all ]; then
  # The signature tests make real signed commits with gpg and ssh-keygen.
  command -v gpg >/dev/null 2>&1 || pkgs+=(gnupg)
  command -v ssh-keygen >/dev/null 2>&1 || pkgs+=(openssh-client)
fi
if [ "$want" = all ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || pkgs+=(postgresql)
  # The offsite tests copy backups to an rclone remote the test serves itself on loopback (rclone serve webdav).
  command -v rclone >/dev/null 2>&1 || pkgs+=(rclone)
  # The status page test renders GET / in a real headless browser.
  command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  log "installing ${pkgs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# The Debian caddy package starts caddy.service where systemd runs; that instance holds :80 and
# admin :2019. Driftless starts its own Caddy (see scripts/caddy.sh), so the packaged one is left to
# the operator. Nothing to do here.

start_dockerd() {
  if docker info >/dev/null 2>&1; then log "dockerd is running"; return; fi
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    as_root systemctl start docker || true
  fi
  if ! docker info >/dev/null 2>&1; then
    log "starting dockerd in the background (log: /var/log/dockerd.log)"
    as_root sh -c 'nohup dockerd >/var/log/dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && { log "dockerd answers"; return; }
    sleep 0.5
  done
  log "dockerd did not answer within 60 s; see /var/log/dockerd.log"; tail -n 20 /var/log/dockerd.log >&2 || true
  exit 1
}

start_postgres() {
  local ver
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  if command -v pg_lsclusters >/dev/null 2>&1 && ! pg_lsclusters -h | grep -q .; then
    as_root pg_createcluster "$ver" main >/dev/null
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    log "starting PostgreSQL $ver"
    as_root pg_ctlcluster "$ver" main start || true
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && { log "PostgreSQL answers on 127.0.0.1:5432"; return; }
    sleep 0.5
  done
  log "PostgreSQL did not answer within 30 s"; exit 1
}

# Each route switch is a Caddy config load; Caddy opens the new listener beside the old one (SO_REUSEPORT)
# and closes the old one. Without tcp_migrate_req Linux resets the connections queued on the closed one.
hand_over_connections() {
  local setting=/proc/sys/net/ipv4/tcp_migrate_req
  if [ ! -e "$setting" ]; then
    log "WARNING: this kernel ($(uname -r)) has no net.ipv4.tcp_migrate_req (Linux >= 5.14): a client that connects at the instant Caddy reloads may be reset"
    return
  fi
  if [ "$(cat "$setting")" != 1 ] && ! echo 1 | as_root tee "$setting" >/dev/null 2>&1; then
    # The tests that count failed requests through Caddy then stop with this fix; the demo still runs.
    log "WARNING: cannot set net.ipv4.tcp_migrate_req=1 ($setting is read-only here: a container without privileges?);"
    log "  a client that connects at the instant Caddy reloads may be reset. Set it on the host: sysctl -w net.ipv4.tcp_migrate_req=1"
    return
  fi
  if [ -d /etc/sysctl.d ] && ! grep -qsx 'net.ipv4.tcp_migrate_req *= *1' /etc/sysctl.d/60-driftless.conf; then
    if ! printf '# Driftless: hand connections over when Caddy reloads (see the README, "Host set-up").\nnet.ipv4.tcp_migrate_req = 1\n' \
        | as_root tee /etc/sysctl.d/60-driftless.conf >/dev/null 2>&1; then
      log "WARNING: net.ipv4.tcp_migrate_req=1 is set, but could not be kept in /etc/sysctl.d/60-driftless.conf: it is lost at the next reboot"
    fi
  fi
  log "net.ipv4.tcp_migrate_req=1: connections survive Caddy's reloads"
}

hand_over_connections
start_dockerd
command -v caddy >/dev/null && log "caddy $(caddy version | cut -d' ' -f1) is installed"
if [ "$want" = all ]; then start_postgres; fi
