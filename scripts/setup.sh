#!/usr/bin/env bash
# Installs what mTLS Lab needs, and only what is missing. Idempotent and non-interactive.
#   scripts/setup.sh           pnpm and the workspace dependencies (what `npm start` needs)
#   scripts/setup.sh --system  also Debian's nginx, HAProxy, Caddy, Apache httpd, chromium, openssl, curl, Java and Go
#                              (what `npm test` needs)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0 # pnpm 11 fails on Node 20; corepack cannot verify signatures here
export CI=true # pnpm: never prompt
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DEBIAN_FRONTEND=noninteractive

log() { printf 'setup: %s\n' "$*"; }

if [ "${1:-}" = "--system" ]; then
  missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v caddy >/dev/null || missing+=(caddy)
  command -v apache2 >/dev/null || missing+=(apache2)
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
  # PKCS#12 readers the profile tests check Inspect's predictions against: python3's cryptography, Go's x/crypto.
  /usr/bin/python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
  [ -d /usr/share/gocode/src/golang.org/x/crypto/pkcs12 ] || missing+=(golang-golang-x-crypto-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    # The servers' postinst scripts would start system services on :80 (apache2, haproxy, caddy). Tests run
    # each with its own config on 127.0.0.1 free ports, so deny every service start while installing
    # (invoke-rc.d asks policy-rc.d; exit 101 = "action forbidden", see /usr/share/doc/init-system-helpers).
    policy_added=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      policy_added=yes
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
  fi
  # Whatever a postinst started anyway (a machine with systemd, a policy-rc.d that allowed it) is stopped by
  # its pid file, so nothing of ours listens on :80 or :443.
  for pidfile in /run/apache2/apache2.pid /run/haproxy.pid /var/run/apache2/apache2.pid; do
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      log "stopping the system service started by its package ($pidfile)"
      kill "$(cat "$pidfile")" 2>/dev/null || true
    fi
  done
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    for unit in apache2 haproxy caddy; do
      systemctl disable --now "$unit" >/dev/null 2>&1 || true
    done
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
