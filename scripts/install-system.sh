#!/usr/bin/env bash
# Installs the Debian packages the kit and its tests need (a real Chromium for the browser tests,
# LibreOffice for the spreadsheet round trip, Pango and fonts for the PDF report, poppler-utils),
# only where they are missing, so a second run costs nothing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# LibreOffice (headless) round-trips the response template through .ods and .xlsx in the tests.
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
# WeasyPrint (the PDF country profile) loads Pango through its C library; the report's font is
# DejaVu Sans. pdftotext and pdftoppm (poppler-utils) read the PDF back in the tests.
ldconfig -p | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftotext >/dev/null || missing+=(poppler-utils)

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
