/**
 * Writes docs/openapi.json from the route table. The getOpenApi function
 * serves this file; a test fails when it is stale, so run this after changing
 * a route or schema: `npm run openapi`.
 */
import { writeFileSync } from 'node:fs';
import { ROUTES } from '../functions/routes.js';
import { buildOpenApiDocument } from '../shared/http/openapi.js';

export const OPENAPI_FILE = new URL('../docs/openapi.json', import.meta.url);

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApiDocument(ROUTES), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`wrote docs/openapi.json (${ROUTES.length} routes)`);
}
