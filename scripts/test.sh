#!/usr/bin/env bash
# Runs every test Clientdeck has: the type check, unit and integration tests (vitest) and the
# end-to-end tests (Playwright in Debian's Chromium against web mode and the real server).
# Everything runs inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks
# to a real Secret Service, as it does on a user's desktop.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CLIENTDECK_TEST_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || {
      echo "$tool is missing: run 'bash scripts/install-system-packages.sh' (packages dbus, gnome-keyring)." >&2
      exit 1
    }
  done
  exec env CLIENTDECK_TEST_SESSION=1 dbus-run-session -- bash "$0" "$@"
fi

# A throw-away login keyring for this session only: its own data folder, so a keyring left
# on the machine with another password can never lock the tests out.
KEYRING_HOME="$(mktemp -d)"
# shellcheck source=scripts/test-postgres.sh
source scripts/test-postgres.sh
trap 'stop_test_postgres; rm -rf "$KEYRING_HOME"' EXIT
eval "$(echo -n clientdeck-test | XDG_DATA_HOME="$KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

mkdir -p test-results
status=0
start_test_postgres || status=1
step() {
  local name="$1"; shift
  echo
  echo "=== $name"
  local started=$SECONDS
  if "$@"; then
    echo "=== $name: ok ($((SECONDS - started)) s)"
  else
    echo "=== $name: FAILED ($((SECONDS - started)) s)"
    status=1
  fi
}

step "format (Prettier)" npx prettier --check --log-level warn .
step "lint (ESLint)" npx eslint .
step "type check" npx tsc -p tsconfig.json
step "renderer build" npx vite build --logLevel warn
step "unit and integration tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# The server suite once more, on PostgreSQL (the harness picks the store from CLIENTDECK_TEST_DB).
step "server integration tests on PostgreSQL (vitest)" env CLIENTDECK_TEST_DB=postgres npx vitest run --project integration test/integration/server --reporter=default --reporter=json --outputFile.json=test-results/vitest-postgres.json
step "end-to-end tests (Playwright, Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json

echo
node scripts/test-summary.mjs test-results/vitest.json test-results/vitest-postgres.json test-results/playwright.json || status=1
exit $status
