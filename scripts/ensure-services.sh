#!/usr/bin/env bash
# Make sure what the test suite starts is installed: PostgreSQL, Redis, espeak-ng,
# and headless Chromium with its driver (the demo page's end-to-end test).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} for the test suite"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian starts the packaged servers; the suite runs its own throwaway ones.
  service postgresql stop >/dev/null 2>&1 || true
  service redis-server stop >/dev/null 2>&1 || true
else
  echo "The test suite needs: ${need[*]}" >&2
  echo "Install them (Debian/Ubuntu: sudo apt-get install ${need[*]}) and run make test again." >&2
  exit 1
fi
