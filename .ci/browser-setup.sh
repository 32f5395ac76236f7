#!/usr/bin/env bash
# Installs what `cargo test --test browser` needs: Debian's Chromium and
# ChromeDriver, poppler's pdftotext, and axe-core under target/axe/.
#
# Idempotent: each step runs only when its result is missing, so CI can call it
# on every run and a developer can call it any time. Non-interactive (CI=true,
# no stdin). Exits non-zero when anything fails.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v pdftotext >/dev/null 2>&1; then
    echo "browser-setup: installing chromium, chromium-driver and poppler-utils"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends chromium chromium-driver poppler-utils </dev/null
fi

axe_js="target/axe/node_modules/axe-core/axe.min.js"
if [ ! -f "$axe_js" ]; then
    echo "browser-setup: installing axe-core into target/axe"
    if ! command -v npm >/dev/null 2>&1; then
        echo "browser-setup: npm is missing; install Node.js and npm first" >&2
        exit 1
    fi
    mkdir -p target/axe
    npm install --no-save --no-audit --no-fund --prefix target/axe axe-core@4 </dev/null
fi

# Verify rather than trust: a partial install must fail here, not in the tests.
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
    if [ ! -x "$tool" ]; then
        echo "browser-setup: $tool is still missing" >&2
        exit 1
    fi
done
if ! command -v pdftotext >/dev/null 2>&1; then
    echo "browser-setup: pdftotext is still missing" >&2
    exit 1
fi
if [ ! -f "$axe_js" ]; then
    echo "browser-setup: $axe_js is still missing" >&2
    exit 1
fi

echo "browser-setup: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?'), $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2), axe-core $(node -p "require('./target/axe/node_modules/axe-core/package.json').version" 2>/dev/null || echo '?')"
