#!/usr/bin/env bash
# Installs the Debian packages the tests need (a real Chromium for the browser tests, LibreOffice
# for the spreadsheet round trip),
# only where they are missing, so a second run costs nothing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# LibreOffice (headless) round-trips the response template through .ods and .xlsx in the tests.
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-system: need root to apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
