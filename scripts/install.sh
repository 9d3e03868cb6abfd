#!/usr/bin/env bash
# README command (a): set up this host for hv and install hv from this clone. As root, idempotent:
# host packages and daemons (scripts/setup-host.sh), node_modules (npm ci when needed), build,
# /usr/local/bin/hv -> <repo>/bin/hv, then `hv doctor` and `hv ls` to show the result.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

step() { printf '\n==> %s\n' "$*"; }
if [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (sudo bash scripts/install.sh)" >&2
  exit 3
fi

step "host set-up"
bash scripts/setup-host.sh

step "node dependencies"
bash scripts/ensure-node-deps.sh

step "build"
npm run --silent build
echo "install: built dist/"

step "link"
LINK=/usr/local/bin/hv
if [ "$(readlink "$LINK" 2>/dev/null || true)" = "$REPO/bin/hv" ]; then
  echo "install: $LINK -> $REPO/bin/hv already"
else
  mkdir -p /usr/local/bin
  ln -sfn "$REPO/bin/hv" "$LINK"
  echo "install: linked $LINK -> $REPO/bin/hv"
fi

step "hv doctor"
set +e
"$LINK" doctor
rc=$?
set -e
case $rc in
  0) echo "install: hv doctor passed" ;;
  11) echo "install: hv doctor reported warnings or problems (above); hv is installed" ;;
  *)
    echo "install: hv doctor failed (exit $rc)" >&2
    exit "$rc"
    ;;
esac

step "hv ls"
# until the libvirt client lands, `hv ls --help` falls back to the top-level help
if "$LINK" ls --help 2>/dev/null | grep -q '^Usage: hv ls'; then
  "$LINK" ls
else
  echo "install: this build has no 'hv ls' yet; skipped"
fi
printf '\ninstall: done; try hv --help\n'
