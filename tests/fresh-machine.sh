#!/bin/sh
# tests/fresh-machine.sh [REPOSITORY] — the README's two commands on a fresh
# minimal Debian 12, as a newcomer would run them.  Not part of `make test`
# nor of tests/all.sh: it needs root and a network, and takes ~30 minutes.
#
#   sudo sh tests/fresh-machine.sh            # this repository (its HEAD commit)
#   sudo sh tests/fresh-machine.sh URL-OR-PATH
#
# What it does:
#   1. `debootstrap --variant=minbase bookworm` into $FRESH_BASE (default
#      /var/tmp/bdlc-fresh/base), once: later runs reuse it untouched;
#   2. copies it to a throw-away root ($FRESH_BASE/../root, remade every run),
#      so each run starts from the bare minbase system;
#   3. mounts /proc, /dev and /sys there (unmounted on exit);
#   4. installs only gcc make git python3 (the README's prerequisites), then
#      `git clone`s REPOSITORY (default: the one this script is in; only
#      committed work is cloned, from this machine's side, so that a local
#      path works too) into /root/bdlc inside;
#   5. runs there `sh examples/build.sh`, then `sh tests/all.sh`, which must
#      install everything else themselves.
# Prints each command's result and time; exits non-zero when one failed.
# The mirror is this machine's (first .../debian URI of /etc/apt/sources.list*).
# Downloaded .deb files are kept in $FRESH_BASE/../apt-cache between runs,
# which saves the download, not the installation.
set -u

if [ "$(id -u)" -ne 0 ]; then
    echo "fresh-machine: needs root (debootstrap, chroot, mount): sudo sh $0 $*" >&2
    exit 2
fi
for t in debootstrap chroot git mount; do
    command -v "$t" >/dev/null 2>&1 || { echo "fresh-machine: needs $t (apt-get install debootstrap git)" >&2; exit 2; }
done

REPO=${1:-$(cd "$(dirname "$0")/.." && pwd)}
BASE=${FRESH_BASE:-/var/tmp/bdlc-fresh/base}
TOP=$(dirname "$BASE")
ROOT=$TOP/root
CACHE=$TOP/apt-cache

mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -v '^[[:space:]]*#' | grep -Eo 'https?://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' '
}
MIRROR=$(mirror)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

now() { date +%s; }
t0=$(now)

# ---------------------------------------------------------------- 1. base
if [ ! -f "$BASE/.fresh-machine-complete" ]; then
    echo "== debootstrap --variant=minbase bookworm $BASE ($MIRROR)"
    rm -rf "$BASE"
    mkdir -p "$BASE"
    if ! debootstrap --variant=minbase bookworm "$BASE" "$MIRROR" >"$TOP/debootstrap.log" 2>&1; then
        tail -20 "$TOP/debootstrap.log"
        echo "fresh-machine: debootstrap failed (log: $TOP/debootstrap.log)" >&2
        exit 1
    fi
    touch "$BASE/.fresh-machine-complete"
else
    echo "== reusing the minbase system in $BASE"
fi

# ---------------------------------------------------------------- 2, 3. root
unmount_all() {
    for m in sys dev/pts dev/shm dev proc var/cache/apt/archives; do
        mountpoint -q "$ROOT/$m" 2>/dev/null && umount -l "$ROOT/$m"
    done
}
unmount_all
rm -rf "$ROOT"
cp -a "$BASE" "$ROOT" || exit 1
trap 'unmount_all' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$CACHE/partial"
mount -t proc proc "$ROOT/proc" &&
    mount --bind /dev "$ROOT/dev" &&
    mount --bind /dev/pts "$ROOT/dev/pts" &&
    { [ ! -d /dev/shm ] || mount --bind /dev/shm "$ROOT/dev/shm"; } &&
    mount --bind /sys "$ROOT/sys" &&
    mount --bind "$CACHE" "$ROOT/var/cache/apt/archives" || { echo "fresh-machine: mount failed" >&2; exit 1; }
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
# the mirror's updates beside the release, as on an installed Debian
echo "deb $MIRROR bookworm-updates main" >>"$ROOT/etc/apt/sources.list"

# in CMD: run CMD in the fresh root, as root, with a login-like environment
in_root() {
    chroot "$ROOT" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive /bin/sh -c "$1"
}

# ---------------------------------------------------------------- 4. clone
echo "== apt-get install gcc make git python3"
in_root 'apt-get update -q >/dev/null && apt-get install -y -q gcc make git python3 >/dev/null' ||
    { echo "fresh-machine: installing the prerequisites failed" >&2; exit 1; }
echo "== git clone $REPO"
git clone -q "$REPO" "$ROOT/root/bdlc" || exit 1
git -C "$ROOT/root/bdlc" log -1 --format='   at %h %s'

# ---------------------------------------------------------------- 5. run
status=0
results=""
# run CMD: CMD in the clone, its output shown and kept in a log; the exit
# status is the command's own (written inside the root), not tee's
run() {
    s=$(now)
    log=$TOP/$(echo "$1" | tr -c 'a-z0-9' '_').log
    echo "== $1   (log: $log)"
    rm -f "$ROOT/tmp/.rc"
    in_root "cd /root/bdlc && $1; echo \$? >/tmp/.rc" 2>&1 | tee "$log"
    rc=$(cat "$ROOT/tmp/.rc" 2>/dev/null || echo "?")
    e=$(now)
    if [ "$rc" = 0 ]; then r="passed"; else r="FAILED (exit $rc)"; status=1; fi
    results="$results
  $1: $r in $(( (e - s) / 60 )) min $(( (e - s) % 60 )) s"
}
run "sh examples/build.sh"
run "sh tests/all.sh"

echo
echo "fresh-machine: Debian 12 minbase, $REPO$results"
echo "fresh-machine: total $(( ($(now) - t0) / 60 )) min; logs in $TOP/"
exit $status
