#!/usr/bin/env bash
# Installs kafkasim's build and test dependencies from Debian packages.
# Idempotent: installs only what is missing, and runs `apt-get update` at most once.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  catch2 libcli11-dev libfmt-dev nlohmann-json3-dev libsqlite3-dev sqlite3 jq libmd4c-dev
  libbenchmark-dev libedit-dev
  libimgui-dev libglfw3-dev libgl-dev libstb-dev fonts-dejavu-core xvfb xauth
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "kafkasim setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
