#!/usr/bin/env bash
# axe-core (MPL-2.0, from npm) for the browser tests' accessibility checks (tests/browser/axe.py),
# installed into the git-ignored var/node/ rather than kept in the repository. Needs node and npm
# (Debian: npm, in scripts/system-deps.sh's test list). Re-running does nothing when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION="${AXE_VERSION:-4.14.1}"
target="var/node/node_modules/axe-core/axe.min.js"
if [ -f "$target" ] && grep -q "\"version\": \"$AXE_VERSION\"" var/node/node_modules/axe-core/package.json; then
  exit 0
fi
mkdir -p var/node
npm install --prefix var/node --no-save --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >/dev/null
test -f "$target"
