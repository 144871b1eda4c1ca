import { defineRoute } from '../../shared/http/contract.js';

export const getPoolRoute = defineRoute({
  name: 'getPool',
  method: 'GET',
  path: '/pool',
  summary: 'Cases you can claim',
  description:
    'Your union’s pool for your role (lawyers: the lawyer pool, mediators: the mediation pool), limited to categories ' +
    'you take and employers you have no conflict with, most urgent first, then oldest. Personal details are masked until claimed.',
  tags: ['dispatch'],
  access: { roles: ['lawyer', 'mediator'] },
  request: {},
  response: { status: 200, description: 'Claimable cases, masked.' },
  errors: [],
  data: { actions: ['dynamodb:Query', 'dynamodb:GetItem'], indexes: ['casesInPool'] },
});
