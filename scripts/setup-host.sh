#!/usr/bin/env bash
# Set up a host for hv and its tests: install the host packages that are missing and make sure
# virtlogd and libvirtd run. Idempotent: a second run installs nothing and starts nothing.
# Works with and without systemd as PID 1; without it, libvirtd runs in the foreground under
# `tini -s` (a child subreaper), because a slow-reaping PID 1 adds ~1.2 s to every QEMU exit
# (docs/developing.md, "The test host").
#
# Usage: scripts/setup-host.sh [--check]
#   --check   report what is missing or stopped, change nothing (exit 1 when something is)
set -euo pipefail

CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  '') ;;
  -h | --help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "setup-host: unknown argument '$1' (try --help)" >&2
    exit 4
    ;;
esac

# libvirt + QEMU + what hv calls (firewall, ISO, signatures, XML validation), what the test guest
# build needs, and what the transport tests need (sshd, TLS certificates, nc).
PACKAGES=(
  libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils ovmf nftables dnsmasq-base
  xorriso gpgv gnupg tini xz-utils libxml2-utils
  busybox-static syslinux syslinux-common mtools fdisk
  openssh-server gnutls-bin netcat-openbsd
)
LIBVIRTD_PIDFILE=/run/hv-libvirtd.pid # pid of the tini that runs libvirtd (non-systemd hosts)
LIBVIRTD_LOG=/var/log/hv-libvirtd.log
CHANGED=0
PROBLEMS=0

say() { printf 'setup-host: %s\n' "$*"; }
die() {
  printf 'setup-host: error: %s\n' "$*" >&2
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo bash $0)"
fi
command -v dpkg-query >/dev/null || die "dpkg-query not found: this script supports Debian and Ubuntu only"

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "packages: all ${#PACKAGES[@]} already installed"
    return
  fi
  if [ $CHECK -eq 1 ]; then
    say "missing packages: ${missing[*]}"
    PROBLEMS=1
    return
  fi
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Without systemd, package scripts would start libvirtd (and sshd) through their init scripts as
  # plain daemons; keep them from starting anything: this script starts the daemons its own way.
  if [ ! -d /run/systemd/system ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -q >/dev/null || die "apt-get update failed"
  apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" >/tmp/hv-setup-apt.log 2>&1 ||
    die "apt-get install failed; see /tmp/hv-setup-apt.log"
  for p in "${missing[@]}"; do
    installed "$p" || die "package $p is still not installed after apt-get; see /tmp/hv-setup-apt.log"
  done
  say "installed: ${missing[*]}"
  CHANGED=1
}

libvirt_answers() {
  timeout 5 virsh -c qemu:///system -q version >/dev/null 2>&1
}

wait_for_libvirt() {
  local i
  for i in $(seq 200); do
    libvirt_answers && return 0
    sleep 0.1
  done
  die "libvirtd does not answer on qemu:///system after 20 s; see $LIBVIRTD_LOG"
}

# pid of the libvirtd that serves /run/libvirt/libvirt-sock (libvirtd writes /run/libvirtd.pid)
libvirtd_pid() {
  local pid
  pid=$(cat /run/libvirtd.pid 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = libvirtd ]; then
    echo "$pid"
  fi
}

start_daemons_systemd() {
  local unit
  for unit in virtlogd libvirtd; do
    if systemctl is-active --quiet "$unit"; then
      say "$unit already running (systemd)"
    elif [ $CHECK -eq 1 ]; then
      say "$unit is not running"
      PROBLEMS=1
    else
      systemctl enable --now "$unit" >/dev/null 2>&1 || systemctl start "$unit" ||
        die "systemctl start $unit failed"
      say "started $unit (systemd)"
      CHANGED=1
    fi
  done
}

start_daemons_by_hand() {
  local pid parent
  if pgrep -x virtlogd >/dev/null; then
    say "virtlogd already running"
  elif [ $CHECK -eq 1 ]; then
    say "virtlogd is not running"
    PROBLEMS=1
  else
    virtlogd -d || die "virtlogd -d failed"
    say "started virtlogd (pid $(pgrep -x -n virtlogd))"
    CHANGED=1
  fi

  pid=$(libvirtd_pid)
  if [ -n "$pid" ] && libvirt_answers; then
    parent=$(ps -o comm= -p "$(ps -o ppid= -p "$pid" | tr -d ' ')" 2>/dev/null || true)
    if [ "$parent" = tini ]; then
      say "libvirtd already running (pid $pid, under tini)"
    else
      say "libvirtd already running (pid $pid, parent '$parent', not under a subreaper:" \
        "each QEMU exit may take ~1.2 s longer; restart it as 'setsid tini -s -- libvirtd')"
    fi
    return
  fi
  if [ -n "$pid" ]; then
    # running but not answering yet (just started by someone else): wait for it, never start a second one
    wait_for_libvirt
    say "libvirtd already running (pid $pid)"
    return
  fi
  if [ $CHECK -eq 1 ]; then
    say "libvirtd is not running"
    PROBLEMS=1
    return
  fi
  setsid tini -s -- libvirtd </dev/null >>"$LIBVIRTD_LOG" 2>&1 &
  echo $! >"$LIBVIRTD_PIDFILE"
  wait_for_libvirt
  say "started libvirtd (pid $(libvirtd_pid), under tini pid $(cat "$LIBVIRTD_PIDFILE"); log $LIBVIRTD_LOG)"
  CHANGED=1
}

check_node() {
  local v
  if ! v=$(node -p 'process.versions.node' 2>/dev/null); then
    say "warning: Node.js not found; hv needs Node.js 20.19 or newer (not installed by this script)"
    return
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    say "warning: Node.js $v is too old; hv needs 20.19 or newer"
  fi
}

install_packages
if [ -d /run/systemd/system ]; then
  start_daemons_systemd
else
  start_daemons_by_hand
fi
check_node

if [ $CHECK -eq 1 ]; then
  if [ $PROBLEMS -eq 0 ]; then say "check: host is set up"; else say "check: host is not fully set up"; fi
  exit $PROBLEMS
fi
if [ $CHANGED -eq 0 ]; then
  say "nothing changed"
else
  say "done"
fi
