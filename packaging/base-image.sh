#!/usr/bin/env bash
# Builds a minimal local base image (glibc libraries the jlink runtime loads + busybox sh) with docker import,
# for packaging/Dockerfile's BASE where no registry is reachable. Prints the image reference.
#   packaging/base-image.sh RUNTIME_DIR [REF]
set -euo pipefail
runtime=$1
ref=${2:-driftless-base:local}
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "base-image: $busybox is missing: run scripts/components.sh (installs busybox-static)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/driftless-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{bin,etc,tmp,var/lib/driftless}
chmod 1777 "$root/tmp"
libs=$(find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | { xargs -0 -n 50 ldd 2>/dev/null || true; } | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | sort -u)
[ -n "$libs" ] || { echo "base-image: ldd listed no libraries under $runtime" >&2; exit 1; }
for lib in $libs; do mkdir -p "$root/usr$(dirname "${lib#/usr}")"; cp -L "$lib" "$root/usr${lib#/usr}"; done
ln -s usr/lib "$root/lib"
[ -d "$root/usr/lib64" ] && ln -s usr/lib64 "$root/lib64"
cp "$busybox" "$root/bin/busybox"
for a in sh cat dirname readlink pwd ls env id; do ln -s busybox "$root/bin/$a"; done
mkdir -p "$root/usr"; ln -s ../bin "$root/usr/bin"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$work/rootfs.tar" .
docker import -c 'ENV PATH=/usr/bin:/bin' -m "driftless base: glibc + busybox from the host" "$work/rootfs.tar" "$ref" >/dev/null
echo "$ref"
