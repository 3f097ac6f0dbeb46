#!/usr/bin/env bash
# `npm test`: set up what is missing (Debian's nginx, chromium, openssl, curl, Java, Go), build, run every suite.
# The last line is the summed count line `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
bash scripts/setup.sh --system
pnpm -s turbo run build --output-logs=errors-only
exec node scripts/run-tests.mjs "$@"
