#!/usr/bin/env bash
# Sets a fresh machine up for Clientdeck: system packages, then the exact npm dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
