#!/usr/bin/env bash
# setup.sh installs what the browser test needs when it is missing: Debian's chromium
# (apt-get) and playwright-core (npm ci into node_modules, git-ignored). Run by
# browser_test.go, so `make test` sets up a fresh machine.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x /usr/bin/chromium ]]; then
	sudo=""
	[[ $(id -u) -ne 0 ]] && sudo=sudo
	echo "tests/browser: installing chromium with apt-get" >&2
	$sudo apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi
command -v node >/dev/null || { echo "tests/browser: node not found (install nodejs)" >&2; exit 1; }
if [[ ! -d node_modules/playwright-core ]]; then
	echo "tests/browser: npm ci (playwright-core; no browser download)" >&2
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2
fi
