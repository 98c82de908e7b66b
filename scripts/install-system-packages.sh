#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Clientdeck's build and tests need:
#   libsecret-1-dev            keytar's native build (OS keychain through the Secret Service)
#   gnome-keyring dbus dbus-x11 a real Secret Service for the keychain tests
#   chromium                   the browser the end-to-end tests drive (Playwright cannot fetch its own here)
#   python3 make g++           node-gyp builds of keytar and better-sqlite3
#   postgresql                 the server suite runs on PostgreSQL too (scripts/test.sh starts a throw-away cluster)

set -euo pipefail

PACKAGES=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium python3 make g++ postgresql)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: done"
