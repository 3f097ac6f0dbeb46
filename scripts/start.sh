#!/usr/bin/env bash
# `npm start`: set up what is missing, build everything, then run the local lab:
# a kit in .lab/, the demo server on https://localhost:9443, nginx (when installed) on https://localhost:8443
# in front of the app, and the built workbench on http://localhost:3000. Ctrl-C stops all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
bash scripts/setup.sh
pnpm -s turbo run build --output-logs=errors-only
exec node apps/demo/bin/mtls-lab.js up --nginx --site apps/web/out
