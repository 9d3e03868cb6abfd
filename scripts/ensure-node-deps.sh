#!/usr/bin/env bash
# Make node_modules match package-lock.json: check Node.js, then run `npm ci` only when
# node_modules is missing or the lock file changed since the last install. `npm ci` deletes
# node_modules first, so skipping it when nothing changed keeps re-runs fast and harmless.
# Used by scripts/install.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'node-deps: %s\n' "$*"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "error: Node.js 20.19 or newer (with npm) is needed and not installed" >&2
  say "install it from your distribution (Ubuntu 24.04+) or NodeSource, then re-run" >&2
  exit 2
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  say "error: Node.js $(node -v) is too old; hv needs 20.19 or newer" >&2
  exit 2
fi

STAMP=node_modules/.hv-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat "$STAMP" 2>/dev/null || true)
if [ -d node_modules ] && [ "$have" = "$want" ]; then
  say "node_modules up to date (node $(node -v))"
  exit 0
fi
# node_modules present but never stamped (installed by hand): adopt it when npm finds it complete
if [ -d node_modules ] && [ -z "$have" ] && npm ls --all >/dev/null 2>&1; then
  echo "$want" >"$STAMP"
  say "node_modules up to date (node $(node -v))"
  exit 0
fi
say "running npm ci (node $(node -v))"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$STAMP"
say "installed node_modules from package-lock.json"
