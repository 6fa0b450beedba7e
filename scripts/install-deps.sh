#!/usr/bin/env bash
# Installs what Kiorex needs on Debian 12 and is missing: the C++ libraries and tools from apt,
# and the npm packages of the web app and the test peers. Safe to run again; quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-all-dev libssl-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev
  libcurl4-openssl-dev libqrencode-dev zlib1g-dev libgtest-dev libhowardhinnant-date-dev tzdata
  libpango1.0-dev libcairo2-dev fonts-noto-core fonts-dejavu-core
  postgresql-15 postgresql-client-15 nodejs npm chromium wrk oathtool poppler-utils
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from outside apt (an image's own Node.js): accept them when on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm: install from the lock file when node_modules is missing or older than the lock file.
for dir in web tests/e2e tests/peers tests/api; do
  [[ -f "$dir/package-lock.json" ]] || continue
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
