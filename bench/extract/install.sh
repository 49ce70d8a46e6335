#!/bin/sh
# Installs what the extraction bench needs, from Debian and npm only (nothing else is fetched):
# the Python peers + plotting (apt), taskset (util-linux), and the npm peers pinned by
# package-lock.json into bench/extract/node_modules.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

pkgs="python3-readability python3-html-text python3-lxml python3-matplotlib util-linux"
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing
  else
    echo "bench/extract needs Debian packages; run:"
    echo "  sudo apt-get install -y$missing"
    exit 1
  fi
fi

# jsdom 29 supports node >= 20.19 (Debian 12's own nodejs is 18).
node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  if (a < 20 || (a === 20 && b < 19)) {
    console.error(`node ${process.versions.node} is too old for jsdom 29: need >= 20.19`);
    process.exit(1);
  }'

# npm ci only when the lock file changed since the last install (it wipes node_modules).
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
