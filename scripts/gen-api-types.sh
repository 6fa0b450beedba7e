#!/usr/bin/env bash
# Regenerates the web app's API types (web/src/api/schema.d.ts) from the built binary's OpenAPI document.
# Run after changing a route's RouteSpec (build first: make build-server); tests/api/openapi-types.test.mjs
# fails while the committed file is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
KIOREX_UPDATE_API_TYPES=1 node --test tests/api/openapi-types.test.mjs
