import { defineRoute } from '../../shared/http/contract.js';

export const getOpenApiRoute = defineRoute({
  name: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API’s OpenAPI 3.1 document',
  description: 'Generated from the route table and its zod schemas (`npm run openapi` writes the same file to docs/).',
  tags: ['docs'],
  access: { public: true },
  request: {},
  response: { status: 200, description: 'The OpenAPI document.' },
  errors: [],
  data: { actions: [], indexes: [] },
});
