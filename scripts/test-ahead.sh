#!/usr/bin/env bash
# Runs the server and browser suites with the clock two years ahead, through libfaketime (Debian: faketime), so a
# test that types or asserts a literal date the calendar can overtake fails today rather than on the day it expires.
# Every process of the run sees the moved clock: vitest's workers, the embedded PostgreSQL, the server and Chromium.
# RECTIFY_TEST_AHEAD sets the offset in libfaketime's words (default +730d, two years).
set -euo pipefail
cd "$(dirname "$0")/.."

lib=""
for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  [ -e "$candidate" ] && { lib=$candidate; break; }
done
if [ -z "$lib" ]; then
  echo "libfaketime is missing, so the suites cannot run with the clock moved: apt-get install faketime" >&2
  exit 1
fi

export FAKETIME="${RECTIFY_TEST_AHEAD:-+730d}"
real_year=$(date -u +%Y)
moved_year=$(LD_PRELOAD="$lib" node -e 'process.stdout.write(String(new Date().getUTCFullYear()))')
if [ "$moved_year" = "$real_year" ]; then
  echo "libfaketime did not move Node's clock (FAKETIME=$FAKETIME): the check would prove nothing" >&2
  exit 1
fi
echo "Running the suites with the clock at $(LD_PRELOAD="$lib" date -u +%F) (FAKETIME=$FAKETIME)"
export LD_PRELOAD="$lib"
npx vitest run
npx vitest run --config web/e2e/vitest.config.ts
