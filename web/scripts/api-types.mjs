// Turns the server's OpenAPI document (GET /v1/openapi.json) into the web app's API types,
// web/src/api/schema.d.ts, with openapi-typescript. Used by tests/api/openapi-types.test.mjs, which fails when
// the checked-in file differs from what the running binary describes (regenerate: bash scripts/gen-api-types.sh).
import openapiTS, { astToString } from 'openapi-typescript';
import { fileURLToPath } from 'node:url';

export const SCHEMA_FILE = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

const HEADER =
  '// Generated from the kiorex binary\'s OpenAPI document by web/scripts/api-types.mjs (openapi-typescript).\n' +
  '// Do not edit: run `bash scripts/gen-api-types.sh` after changing a route; CI fails while this file is stale.\n\n';

/** The TypeScript text for an OpenAPI document (a parsed object). Independent of the server's version and URL. */
export async function apiTypesFor(document) {
  const doc = structuredClone(document);
  doc.info = { ...doc.info, version: '0' };  // the version string is not part of the types
  delete doc.servers;
  const ast = await openapiTS(doc, { alphabetize: true });
  return HEADER + astToString(ast);
}
