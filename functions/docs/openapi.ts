import document from '../../docs/openapi.json' with { type: 'json' };
import { httpHandler } from '../../shared/http/handler.js';
import { getOpenApiRoute } from './openapi.contract.js';

/** Serves the generated document (docs/openapi.json, kept fresh by a test) rather than building it per cold start. */
export const handler = httpHandler(getOpenApiRoute, async () => ({ body: document as Record<string, unknown> }));
