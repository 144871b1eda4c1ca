import { defineRoute } from '../../shared/http/contract.js';

export const listUnionsRoute = defineRoute({
  name: 'listUnions',
  method: 'GET',
  path: '/unions',
  summary: 'The union directory: every union’s code, name and parent',
  description:
    'The province → city → district hierarchy as a flat list, parents before children. Staff screens build the region ' +
    'picker from it; a case’s region decides its responsible union, so the picker offers every union, not only your subtree.',
  tags: ['unions'],
  access: { roles: ['operator', 'lawyer', 'mediator', 'legal_admin'] },
  request: {},
  response: { status: 200, description: 'The unions, parents before children.' },
  errors: [],
  data: { actions: ['dynamodb:Query'], indexes: [] },
});
