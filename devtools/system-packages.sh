#!/usr/bin/env bash
# Installs the Debian packages the platform needs, once: PostgreSQL, Chromium and its headless build (the browser
# tests run chromium-headless-shell: the same engine without the desktop browser's parts), poppler-utils
# (pdftotext), CJK fonts (certificates), gettext (translations), Java + Maven (OpenSearch).
set -euo pipefail
packages=(postgresql chromium chromium-headless-shell poppler-utils fonts-noto-cjk gettext openjdk-17-jre-headless maven
          libpango-1.0-0 libpangoft2-1.0-0 python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "安装系统软件包: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
