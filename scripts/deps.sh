#!/usr/bin/env bash
# Installs the Debian packages newsgraph needs to build and test (when run as root), or prints
# the one apt-get line to run. Every dependency is named here and nowhere else.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
      libgumbo-dev libuchardet-dev libicu-dev libcld2-dev libsimdjson-dev libgtest-dev
      libcurl4-openssl-dev zlib1g-dev python3)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "newsgraph: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "newsgraph: missing Debian packages; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
