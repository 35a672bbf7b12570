#!/usr/bin/env bash
# CI for the VS Code extension: install exactly the locked packages, type-check, unit-test,
# package, then check the .vsix holds the bundle. Needs Node 20+ and the npm registry only.
# BLOG_LSP_PYTHON=<python with blog_lsp installed> also tests the probe against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf out dist ./*.vsix
npm ci --no-audit --no-fund
npm run check
npm test
npm run package

version=$(node -p "require('./package.json').version")
vsix="blog-lsp-$version.vsix"
if [ ! -s "$vsix" ]; then
  echo "ci: $vsix was not produced" >&2
  exit 1
fi
# The .vsix must hold the bundle and the server's wheel, and nothing of node_modules or the sources.
listing=$(python3 -m zipfile -l "$vsix")
if ! grep -q "extension/dist/extension.js" <<<"$listing" \
  || ! grep -qE "extension/server/blog_lsp-$version-py3-none-any\.whl" <<<"$listing" \
  || grep -qE "extension/(node_modules|src|test|out)/" <<<"$listing"; then
  echo "ci: $vsix does not hold what it should:" >&2
  echo "$listing" >&2
  exit 1
fi
echo "ci: built editors/vscode/$vsix"
