// The web app's API types (web/src/api/schema.d.ts) are generated from the binary's own OpenAPI document, so the
// web app and the server cannot drift apart unnoticed. KIOREX_UPDATE_API_TYPES=1 rewrites the file instead
// (that is what scripts/gen-api-types.sh does).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, startServer } from './harness.mjs';

const { apiTypesFor, SCHEMA_FILE } = await import(join(REPO, 'web', 'scripts', 'api-types.mjs'));

let server;
after(async () => server?.stop());

test('web/src/api/schema.d.ts is what openapi-typescript makes of GET /v1/openapi.json', async () => {
  server = await startServer();
  const res = await server.api('GET', '/v1/openapi.json');
  assert.equal(res.status, 200);
  const generated = await apiTypesFor(res.json);
  if (process.env.KIOREX_UPDATE_API_TYPES === '1') writeFileSync(SCHEMA_FILE, generated);
  assert.ok(existsSync(SCHEMA_FILE), 'web/src/api/schema.d.ts is missing: run bash scripts/gen-api-types.sh');
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  // assert.equal on two large texts prints a diff: the first differing lines show which route drifted.
  assert.equal(committed, generated, 'web/src/api/schema.d.ts is stale: run bash scripts/gen-api-types.sh and commit it');
  assert.match(committed, /"\/v1\/auth\/refresh": \{/);
});
