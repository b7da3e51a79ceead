#!/usr/bin/env bash
# Makes what tests/check needs, in the build folder: the browser checker's page
# (platform/build/checker.sh, which compiles only what changed) and
# playwright-core, installed with npm ci from this folder's package-lock.json
# (once for each version of the lock). Chromium itself is Debian's.
#   tests/check/prepare.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$1
"$here/../../platform/build/checker.sh" --build-dir "$build_dir"
node_dir=$build_dir/check-node
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" || [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
