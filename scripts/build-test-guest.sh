#!/usr/bin/env bash
# Build the tiny real guest that hv's integration tests boot: a Debian kernel and a busybox
# initramfs with qemu-ga (for direct kernel boot), and the same guest as a bootable qcow2 disk
# (MBR + FAT + syslinux). Guest files come from packages fetched with `apt-get download` and
# unpacked with `dpkg -x`; nothing is installed. Image tools (syslinux, mtools, sfdisk, qemu-img,
# xz) come from scripts/setup-host.sh. Recipe and measurements: docs/developing.md.
#
# Usage: scripts/build-test-guest.sh [OUTDIR]
#   OUTDIR defaults to <repo>/.cache/test-guest/<key>, key = hash of the package versions used and
#   GUEST_SCRIPT_VERSION. When OUTDIR already holds a complete build for that key, nothing is built.
#   The last line of stdout is always the output directory; progress goes to stderr.
#
# Outputs (all world-readable, QEMU runs as libvirt-qemu): vmlinuz, vmlinux (uncompressed ELF with
# a PVH entry, boots faster), initrd.img, guest-disk.qcow2, manifest.json.
set -euo pipefail

# Bump when the guest's contents or behaviour change, so every cache is rebuilt.
GUEST_SCRIPT_VERSION=4

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
START=$(date +%s.%N)
umask 022
log() { printf 'build-test-guest: %s\n' "$*" >&2; }
die() {
  printf 'build-test-guest: error: %s\n' "$*" >&2
  exit 1
}

for t in apt-cache apt-get dpkg dpkg-query xz gzip sfdisk mformat mcopy syslinux qemu-img flock sha256sum; do
  command -v "$t" >/dev/null || die "'$t' not found; run scripts/setup-host.sh first"
done

# One apt-cache call (each costs ~1 s where apt keeps no binary cache): candidate versions of the
# guest's packages, and the kernel package behind the metapackage (Debian: linux-image-amd64;
# Ubuntu, untested: linux-image-generic, whose modules live in linux-modules-<release>).
declare -A VERSIONS=()
KPKG=
KMODPKG=
resolve_packages() {
  local pkg ver dep
  while read -r pkg ver dep; do
    case "$pkg" in
      linux-image-amd64 | linux-image-generic)
        [ -n "$KPKG" ] && continue
        KPKG=$(printf '%s\n' "$dep" | grep -o 'linux-image-[0-9][^ ,]*' | head -1)
        [ -n "$KPKG" ] || continue
        VERSIONS[$KPKG]=$(printf '%s\n' "$dep" | sed -n "s/.*$KPKG (= \([^)]*\)).*/\1/p")
        [ -n "${VERSIONS[$KPKG]}" ] || VERSIONS[$KPKG]=$ver
        if [ "$pkg" = linux-image-generic ]; then
          KMODPKG="linux-modules-${KPKG#linux-image-}"
          VERSIONS[$KMODPKG]=${VERSIONS[$KPKG]}
        fi
        ;;
      *) VERSIONS[$pkg]=$ver ;;
    esac
  done < <(apt-cache show --no-all-versions ${HV_TEST_GUEST_KERNEL_META:-linux-image-amd64 linux-image-generic} \
    busybox-static qemu-guest-agent 2>/dev/null |
    awk '/^Package:/{p=$2} /^Version:/{v=$2} /^Depends:/{d=$0} /^$/{if(p)print p, v, d; p=v=d=""} END{if(p)print p, v, d}')
  [ -n "$KPKG" ] && [ -n "${VERSIONS[busybox-static]:-}" ] && [ -n "${VERSIONS[qemu-guest-agent]:-}" ]
}
if ! resolve_packages; then
  [ "$(id -u)" -eq 0 ] || die "apt does not know the guest's packages; run 'apt-get update' as root"
  log "apt lists are empty or stale: running apt-get update"
  apt-get update -q >/dev/null
  resolve_packages || die "cannot find linux-image-amd64 (or linux-image-generic), busybox-static and qemu-guest-agent in apt"
fi
VERSIONS[syslinux]=$(dpkg-query -W -f='${Version}' syslinux 2>/dev/null) || die "syslinux is not installed"
KEY_TEXT="v$GUEST_SCRIPT_VERSION"
for p in $(printf '%s\n' "${!VERSIONS[@]}" | sort); do KEY_TEXT+=" $p=${VERSIONS[$p]}"; done
KEY=$(printf '%s' "$KEY_TEXT" | sha256sum | cut -c1-16)

OUT=${1:-$REPO/.cache/test-guest/$KEY}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
chmod 755 "$OUT"
OUTPUTS=(vmlinuz vmlinux initrd.img guest-disk.qcow2 manifest.json)

complete() {
  local f
  for f in "${OUTPUTS[@]}"; do [ -s "$OUT/$f" ] || return 1; done
  grep -q "\"key\": \"$KEY\"" "$OUT/manifest.json"
}

# One build at a time per output directory (test files may call this concurrently).
exec 9>"$OUT/.lock"
flock 9
if complete; then
  log "cache hit ($KEY_TEXT)"
  echo "$OUT"
  exit 0
fi
log "building into $OUT ($KEY_TEXT)"

W=$(mktemp -d /tmp/hv-test-guest.XXXXXX)
trap 'rm -rf "$W"' EXIT
chmod 755 "$W" # apt-get download drops to _apt when it can read the directory
cd "$W"
# shellcheck disable=SC2086
apt-get download -q "$KPKG" $KMODPKG busybox-static qemu-guest-agent >"$W/download.log" 2>&1 ||
  die "apt-get download failed: $(tail -3 "$W/download.log")"
dpkg -x "$(ls "$KPKG"_*.deb)" k
[ -z "$KMODPKG" ] || dpkg -x "$(ls "$KMODPKG"_*.deb)" k
dpkg -x busybox-static_*.deb bb
dpkg -x qemu-guest-agent_*.deb qga
KREL=$(ls k/lib/modules)
R=$W/root
mkdir -p "$R"/{bin,sbin,etc/acpi/PWRF,proc,sys,dev,tmp,run,var/log,lib/modules,usr/share/udhcpc,root}
ln -s ../run "$R/var/run" # qemu-ga needs /var/run for its state file
cp bb/bin/busybox "$R/bin/busybox"

# qemu-ga is linked dynamically; its libraries come from the host (qemu-system-x86 pulls them in).
mkdir -p "$R/lib64" "$R/lib/x86_64-linux-gnu"
cp qga/usr/sbin/qemu-ga "$R/bin/qemu-ga"
if ldd qga/usr/sbin/qemu-ga | grep -q 'not found'; then
  die "qemu-ga needs libraries the host lacks: $(ldd qga/usr/sbin/qemu-ga | grep 'not found' | tr -s ' \n' ' ')"
fi
for l in $(ldd qga/usr/sbin/qemu-ga | grep -o '/lib[^ ]*'); do
  mkdir -p "$R$(dirname "$l")"
  cp -L "$l" "$R$l"
done

# Modules in load order (the package has no modules.dep). Built-in ones are skipped.
MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover
virtio_net virtio_blk virtio_console button evdev pvpanic pvpanic-mmio pvpanic-pci qemu_fw_cfg"
for m in $MODULES; do
  f=$(find "k/lib/modules/$KREL" -name "$m.ko" -o -name "$m.ko.*" | head -1)
  if [ -z "$f" ]; then
    grep -q "/$m.ko\$" "k/lib/modules/$KREL/modules.builtin" 2>/dev/null && continue
    die "kernel module $m not found in $KPKG"
  fi
  case "$f" in
    *.ko) cp "$f" "$R/lib/modules/$m.ko" ;;
    *.ko.xz) xz -dc "$f" >"$R/lib/modules/$m.ko" ;;
    *.ko.gz) gzip -dc "$f" >"$R/lib/modules/$m.ko" ;;
    *.ko.zst) zstd -qdc "$f" >"$R/lib/modules/$m.ko" ;;
    *) die "unknown module compression: $f" ;;
  esac
done

cat >"$R/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts; mount -t devpts devpts /dev/pts
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover \
         virtio_net virtio_blk virtio_console button evdev pvpanic pvpanic-mmio pvpanic-pci qemu_fw_cfg; do
  [ -f /lib/modules/$m.ko ] && insmod /lib/modules/$m.ko 2>/dev/null
done
exec /bin/init
EOF

# mark NAME [details]: one line on the serial console under both marker families
# (PROBE-GUEST-* from docs/test-host.md, HV-TEST-GUEST-* for hv's tests).
cat >"$R/sbin/mark" <<'EOF'
#!/bin/sh
n=$1; shift
printf 'PROBE-GUEST-%s %s\nHV-TEST-GUEST-%s %s\n' "$n" "$*" "$n" "$*" > /dev/console
EOF

cat >"$R/etc/inittab" <<'EOF'
::sysinit:/etc/rcS
ttyS0::respawn:/bin/sh -l
::shutdown:/sbin/mark POWEROFF
EOF

echo 'PWRF PWRF/00000080' >"$R/etc/acpid.conf"
printf '#!/bin/sh\n/sbin/mark ACPI-POWER\nsync\npoweroff -f\n' >"$R/etc/acpi/PWRF/00000080"

# qemu-ga's guest-shutdown runs `shutdown -h -P|-H|-r +0 "msg"`
cat >"$R/sbin/shutdown" <<'EOF'
#!/bin/sh
for a; do case "$a" in -r) exec reboot -f;; -H) exec halt -f;; esac; done
exec poweroff -f
EOF

cat >"$R/etc/rcS" <<'EOF'
#!/bin/sh
# Switches come from the kernel command line and, for disk boots (no command line to set), from
# the fw_cfg entry opt/org.hv/args (libvirt: <sysinfo type='fwcfg'>).
hostname hv-test-guest
ip link set lo up
cat /proc/cmdline > /run/hv-args
fw=/sys/firmware/qemu_fw_cfg/by_name/opt/org.hv/args/raw
[ -r $fw ] && { cat $fw; echo; } >> /run/hv-args
boot=kernel; ddev=
for kv in $(cat /run/hv-args); do
  case "$kv" in
    probe.boot=disk) boot=disk ;;
    probe.ddev=*) ddev=${kv#probe.ddev=} ;;
  esac
done
[ -n "$ddev" ] || { [ $boot = disk ] && ddev=vdb || ddev=vda; }
for kv in $(cat /run/hv-args); do
  case "$kv" in
    probe.net=1) ip link set eth0 up && udhcpc -i eth0 -n -q -t 10 -T 1 -s /usr/share/udhcpc/default.script ;;
    probe.dd=*)
      n=${kv#probe.dd=}
      if [ -b /dev/$ddev ] && dd if=/dev/urandom of=/dev/$ddev bs=1M count=$n 2>/dev/null &&
         printf 'HV-TEST-GUEST-DATA mib=%s\n' $n | dd of=/dev/$ddev conv=notrunc 2>/dev/null && sync; then
        mark DD-DONE dev=$ddev mib=$n
      else
        mark DD-FAILED dev=$ddev mib=$n
      fi ;;
    probe.acpi=ignore) mark ACPI-IGNORED ;;
    probe.panic=*)
      s=${kv#probe.panic=}; mark PANIC-ARMED secs=$s
      ( sleep $s; mark PANIC-NOW; echo c > /proc/sysrq-trigger ) & ;;
  esac
done
for n in /sys/class/virtio-ports/*/name; do
  [ "$(cat $n 2>/dev/null)" = org.qemu.guest_agent.0 ] || continue
  p=${n%/name}; qemu-ga -d -m virtio-serial -p /dev/${p##*/} -f /run/qemu-ga.pid && mark QGA-STARTED
done
# READY promises that the power button works: start acpid (unless probe.acpi=ignore) and wait
# until it holds an input device open, or an early ACPI shutdown would be lost.
if ! grep -q 'probe.acpi=ignore' /run/hv-args; then
  acpid -f -c /etc/acpi -a /etc/acpid.conf -l /var/log/acpid.log &
  i=0
  while [ $i -lt 100 ] && ! ls -l /proc/$!/fd 2>/dev/null | grep -q /dev/input/event; do sleep 0.02; i=$((i+1)); done
fi
mark READY uptime=$(cut -d' ' -f1 /proc/uptime) boot=$boot
EOF

cat >"$R/usr/share/udhcpc/default.script" <<'EOF'
#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route add default via "${router%% *}" dev "$interface"
    mark DHCP ip=$ip router=$router ;;
esac
EOF
chmod 755 "$R/init" "$R/sbin/"* "$R/etc/rcS" "$R/etc/acpi/PWRF/00000080" "$R/usr/share/udhcpc/default.script"
printf 'ID=hvtest\nNAME="hv test guest"\nVERSION_ID=1\nPRETTY_NAME="hv test guest (busybox)"\n' >"$R/etc/os-release"
echo 'root::0:0:root:/root:/bin/sh' >"$R/etc/passwd"
echo 'root:x:0:' >"$R/etc/group"

(cd "$R" && find . | "$W/bb/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null | gzip -9) >"$W/initrd.img"
install -m 0644 "k/boot/vmlinuz-$KREL" "$W/vmlinuz"

# Uncompressed ELF vmlinux: QEMU boots it through the PVH entry point, skipping real-mode set-up
# and the decompressor (2.7-3.2 s to the marker under TCG instead of 5.7 s).
extract_vmlinux() {
  local magic off
  for magic in '\xfd7zXZ\x00:xz -dcq --single-stream' '\x28\xb5\x2f\xfd:zstd -qdc' '\x1f\x8b\x08:gzip -dcq'; do
    off=$(LC_ALL=C grep -obUaP "${magic%%:*}" "$W/vmlinuz" | head -1 | cut -d: -f1)
    [ -n "$off" ] || continue
    tail -c +$((off + 1)) "$W/vmlinuz" >"$W/piggy" # a file, not a pipe: pipefail + SIGPIPE
    ${magic#*:} <"$W/piggy" >"$W/vmlinux" 2>/dev/null || true
    [ "$(head -c 4 "$W/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] && return 0
  done
  return 1
}
extract_vmlinux || die "cannot extract vmlinux from $KPKG's vmlinuz"

# Bootable disk: MBR, one FAT32 partition at 1 MiB, syslinux, the same kernel and initramfs.
truncate -s 128M "$W/disk.img"
printf 'label: dos\nstart=2048, type=c, bootable\n' | sfdisk -q "$W/disk.img"
mformat -i "$W/disk.img@@1M" -F -T 260096 ::
syslinux --install --offset 1048576 "$W/disk.img"
MBR=$(ls /usr/lib/syslinux/mbr/mbr.bin /usr/lib/SYSLINUX/mbr.bin 2>/dev/null | head -1)
[ -n "$MBR" ] || die "syslinux mbr.bin not found (package syslinux-common)"
dd if="$MBR" of="$W/disk.img" conv=notrunc bs=440 count=1 status=none
printf 'DEFAULT linux\nPROMPT 0\nTIMEOUT 1\nLABEL linux\n  KERNEL vmlinuz\n  APPEND initrd=initrd console=ttyS0 quiet probe.boot=disk\n' >"$W/syslinux.cfg"
mcopy -i "$W/disk.img@@1M" "$W/vmlinuz" ::vmlinuz
mcopy -i "$W/disk.img@@1M" "$W/initrd.img" ::initrd
mcopy -i "$W/disk.img@@1M" "$W/syslinux.cfg" ::syslinux.cfg
qemu-img convert -O qcow2 "$W/disk.img" "$W/guest-disk.qcow2"

for f in vmlinuz vmlinux initrd.img guest-disk.qcow2; do
  cp --sparse=always "$W/$f" "$OUT/.$f.tmp"
  chmod 0644 "$OUT/.$f.tmp"
  mv -f "$OUT/.$f.tmp" "$OUT/$f"
done

SECS=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $START}")
{
  echo '{'
  echo "  \"key\": \"$KEY\","
  echo "  \"scriptVersion\": $GUEST_SCRIPT_VERSION,"
  echo "  \"kernelRelease\": \"$KREL\","
  echo "  \"builtAt\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"buildSeconds\": $SECS,"
  echo '  "packages": {'
  sep=''
  for p in $(printf '%s\n' "${!VERSIONS[@]}" | sort); do
    printf '%s    "%s": "%s"' "$sep" "$p" "${VERSIONS[$p]}"
    sep=$',\n'
  done
  printf '\n  },\n  "files": {\n'
  sep=''
  for f in vmlinuz vmlinux initrd.img guest-disk.qcow2; do
    printf '%s    "%s": { "bytes": %s, "diskBytes": %s }' "$sep" "$f" "$(stat -c %s "$OUT/$f")" \
      "$(($(stat -c %b "$OUT/$f") * $(stat -c %B "$OUT/$f")))"
    sep=$',\n'
  done
  printf '\n  }\n}\n'
} >"$OUT/.manifest.json.tmp"
chmod 0644 "$OUT/.manifest.json.tmp"
mv -f "$OUT/.manifest.json.tmp" "$OUT/manifest.json"
# Default cache only: drop builds for other keys (older package versions or script versions).
if [ -z "${1:-}" ]; then
  for d in "$REPO/.cache/test-guest"/*; do
    if [ "$d" != "$OUT" ] && [[ "$(basename "$d")" =~ ^[0-9a-f]{16}$ ]]; then
      rm -rf "$d"
      log "removed old build $d"
    fi
  done
fi
log "built in $SECS s: $(cd "$OUT" && stat -c '%n %s B' vmlinuz vmlinux initrd.img guest-disk.qcow2 | paste -sd, | sed 's/,/, /g')"
echo "$OUT"
