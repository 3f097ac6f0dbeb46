#!/usr/bin/env bash
# Installs what mTLS Lab needs, and only what is missing. Idempotent and non-interactive.
#   scripts/setup.sh           pnpm and the workspace dependencies (what `npm start` needs)
#   scripts/setup.sh --system  also Debian's nginx, chromium, openssl, curl, Java and Go (what `npm test` needs)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0 # pnpm 11 fails on Node 20; corepack cannot verify signatures here
export CI=true # pnpm: never prompt
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DEBIAN_FRONTEND=noninteractive

log() { printf 'setup: %s\n' "$*"; }

if [ "${1:-}" = "--system" ]; then
  missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v keytool >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v go >/dev/null || missing+=(golang-go)
  command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing+=(docker-compose) # offline compose validation
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import requests' 2>/dev/null || missing+=(python3 python3-requests)
  [ -f /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
  # x509 vectors (PKITS and real-world certificates) for packages/x509's differential suite.
  [ -d /usr/lib/python3/dist-packages/cryptography_vectors/x509 ] || missing+=(python3-cryptography-vectors)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  log "installing pnpm $PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  log "installing dependencies"
  pnpm install --frozen-lockfile --reporter=silent
fi
