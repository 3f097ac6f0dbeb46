#!/usr/bin/env bash
# `npm test`: set up what is missing (Debian's nginx, HAProxy, Caddy, Apache, chromium, openssl, curl, Java, Go), build, run every suite.
# The last line is the summed count line `N passed, N failed`; a failed build counts as one failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
bash scripts/setup.sh --system
build_failures=0
if ! pnpm -s turbo run build --output-logs=errors-only --continue; then
  echo "test: the build failed; running the suites anyway, and counting the build as one failure" >&2
  build_failures=1
fi
exec env MTLS_LAB_BUILD_FAILURES="$build_failures" node scripts/run-tests.mjs "$@"
