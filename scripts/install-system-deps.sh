#!/usr/bin/env bash
# Debian packages Jixiao needs beyond Node: Chromium (UI tests, HTML→PDF), LibreOffice (DOCX→PDF checks),
# poppler-utils (PDF→PNG checks), CJK fonts (documents and screenshots in Chinese).
# Idempotent: installs only what is missing. Needs root (CI and the dev machines run as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi 'Noto Serif CJK' || need+=(fonts-noto-cjk-extra)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "system deps missing (${need[*]}); run this script as root" >&2
  exit 1
fi
echo "system deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "system deps: installed"
