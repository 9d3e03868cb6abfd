#!/usr/bin/env bash
# README command (b), and what CI runs (.ci/run): set up the host, install dependencies, build, build
# the test guest (cached), then lint, type check, and the unit, e2e and integration tests against the
# real libvirtd. As root. Set-up failures stop at once; the checks all run, then a summary says which
# failed, and the exit status is non-zero when any did.
#
# Usage: scripts/test.sh            env: HV_TEST_CONCURRENCY (integration test files in parallel, 1)
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

if [ "$(id -u)" -ne 0 ]; then
  echo "test: run as root (sudo bash scripts/test.sh): integration tests use qemu:///system" >&2
  exit 3
fi

T0=$(date +%s)
RESULTS=()
FAILED=0
now() { date +%s.%N; }
elapsed() { awk "BEGIN{printf \"%.1f\", $(now) - $1}"; }

# phase NAME fatal|check COMMAND...: header, run, elapsed time; fatal phases end the run on failure
phase() {
  local name=$1 kind=$2 start rc
  shift 2
  printf '\n======== %s  (%s)\n' "$name" "$*"
  start=$(now)
  "$@"
  rc=$?
  local secs
  secs=$(elapsed "$start")
  if [ $rc -eq 0 ]; then
    RESULTS+=("$(printf 'ok    %-14s %7s s' "$name" "$secs")")
    printf -- '-------- %s: ok in %s s\n' "$name" "$secs"
  else
    RESULTS+=("$(printf 'FAIL  %-14s %7s s  (exit %s)' "$name" "$secs" "$rc")")
    printf -- '-------- %s: FAILED (exit %s) in %s s\n' "$name" "$rc" "$secs"
    FAILED=1
    if [ "$kind" = fatal ]; then
      summary
      exit 1
    fi
  fi
}

summary() {
  printf '\n======== summary (%s s in all)\n' "$(($(date +%s) - T0))"
  printf '%s\n' "${RESULTS[@]}"
}

guest() {
  local out
  out=$(bash scripts/build-test-guest.sh) || return 1
  HV_TEST_GUEST_DIR=$(printf '%s\n' "$out" | tail -1)
  export HV_TEST_GUEST_DIR
  echo "test guest: $HV_TEST_GUEST_DIR"
}

phase "host set-up" fatal bash scripts/setup-host.sh
phase "node deps" fatal bash scripts/ensure-node-deps.sh
# tsc emits even with type errors; the typecheck phase reports them, so the tests still run
phase "build" check npm run --silent build
phase "test guest" fatal guest
phase "lint" check npm run --silent lint
phase "typecheck" check npm run --silent typecheck
TESTS_LOG=$(mktemp /tmp/hv-tests.XXXXXX)
tests() {
  set -o pipefail
  node scripts/run-tests.mjs all 2>&1 | tee "$TESTS_LOG"
}
phase "tests" check tests

summary
# The test runner's count line, last, so CI reads it: "N passed, N failed, N skipped".
COUNTS=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$TESTS_LOG" | tail -1)
rm -f "$TESTS_LOG"
if [ $FAILED -ne 0 ]; then
  echo "test: FAILED"
  [ -n "$COUNTS" ] && echo "$COUNTS"
  exit 1
fi
echo "test: all passed"
[ -n "$COUNTS" ] && echo "$COUNTS"
exit 0
