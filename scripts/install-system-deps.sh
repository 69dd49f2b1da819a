#!/usr/bin/env bash
# Debian packages Jixiao needs beyond Node: PostgreSQL (the data-layer tests run on it as well as on PGlite),
# Chromium (UI tests, HTML→PDF of reports), LibreOffice (DOCX→PDF
# checks), poppler-utils (pdftoppm / pdftotext / pdffonts: PDF→PNG and text checks), CJK fonts (documents and
# screenshots in Chinese). See docs/reports.md for what each report format needs.
# Idempotent: installs only what is missing (grep without -q: with pipefail, -q makes fc-list die of SIGPIPE). Needs root (CI and the dev machines run as root).
set -euo pipefail

# The reports name the official 公文 fonts (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体), which Word on a
# government PC has. On Linux they are missing: map them to free TrueType fonts from Debian — AR PL UMing CN (a light
# 明体, closest to 仿宋 in weight; also the title), AR PL UKai CN (楷体), WenQuanYi Zen Hei (黑体) — so that LibreOffice
# (DOCX→PDF) and Chromium (HTML→PDF) draw each face in its kind and embed it as a named font (TrueType, unlike the
# CFF-based Noto CJK, which Chromium can only embed as unnamed Type 3 glyphs).
FONTCONF=/etc/fonts/conf.d/64-jixiao-gb-fonts.conf
write_fontconf() {
  local tmp
  tmp=$(mktemp)
  cat >"$tmp" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Jixiao: official 公文 font names → free TrueType substitutes (written by scripts/install-system-deps.sh). -->
<fontconfig>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>FZXiaoBiaoSong-B05S</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>FangSong</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>KaiTi</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
</fontconfig>
EOF
  if [ -f "$FONTCONF" ] && cmp -s "$tmp" "$FONTCONF"; then
    rm -f "$tmp"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    rm -f "$tmp"
    echo "system deps: font aliases ($FONTCONF) missing; run this script as root" >&2
    return 1
  fi
  install -m 0644 "$tmp" "$FONTCONF"
  rm -f "$tmp"
  command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
  echo "system deps: font aliases written ($FONTCONF)"
}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i 'Noto Serif CJK' >/dev/null || need+=(fonts-noto-cjk-extra)
# The report fonts (see the fontconfig rule above): 仿宋/宋体/title, 楷体, 黑体.
fc-list 2>/dev/null | grep 'AR PL UMing' >/dev/null || need+=(fonts-arphic-uming)
fc-list 2>/dev/null | grep 'AR PL UKai' >/dev/null || need+=(fonts-arphic-ukai)
fc-list 2>/dev/null | grep 'WenQuanYi Zen Hei' >/dev/null || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -eq 0 ]; then
  write_fontconf
  echo "system deps: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "system deps missing (${need[*]}); run: sudo bash scripts/install-system-deps.sh" >&2
  exit 1
fi
echo "system deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
write_fontconf
echo "system deps: installed"
