#!/usr/bin/env bash
# Builds the web app into web/dist (skipped when nothing in web/ changed since the last build)
# and copies Swagger UI's files for /docs; prints the bundle's gzip sizes and fails when the landing route's
# JavaScript is over budget (scripts/web-bundle-sizes.mjs).
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=dist/.build-stamp
if [[ -f $stamp ]] && [[ -z $(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json -newer $stamp 2>/dev/null | head -1) ]]; then
  echo "web app is up to date"
  exit 0
fi
npm run build --silent
node ../scripts/web-bundle-sizes.mjs dist
mkdir -p dist/docs
cp node_modules/swagger-ui-dist/swagger-ui.css node_modules/swagger-ui-dist/swagger-ui-bundle.js dist/docs/
touch $stamp
