#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (never a downloaded browser) and the
# pinned playwright-core from tests/browser/package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium
    else
        echo "install_browser: no apt-get here; install Debian's chromium as /usr/bin/chromium yourself" >&2
        exit 1
    fi
fi
if ! command -v npm >/dev/null; then
    echo "install_browser: npm (Node.js 18+) is needed for tests/browser; install Debian's nodejs and npm" >&2
    exit 1
fi
installed() {  # the playwright-core version in node_modules equals the pinned one
    node -e 'const d = "./tests/browser/"; const want = require(d + "package.json").dependencies["playwright-core"];
             process.exit(require(d + "node_modules/playwright-core/package.json").version === want ? 0 : 1)' 2>/dev/null
}
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core never downloads a browser; this makes sure of it.
installed || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund --silent
echo "install_browser: /usr/bin/chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), playwright-core ready"
