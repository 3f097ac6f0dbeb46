#!/usr/bin/env bash
# `npm start`: set up what is missing, build everything, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
bash scripts/setup.sh
pnpm -s turbo run build --output-logs=errors-only
exec node apps/demo/bin/mtls-lab.js start
