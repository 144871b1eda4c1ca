import { defineRoute } from '../../shared/http/contract.js';
import { RosterQuery } from '../../shared/schemas/dispatch.js';

export const listStaffRoute = defineRoute({
  name: 'listStaff',
  method: 'GET',
  path: '/staff',
  summary: 'The roster of lawyers and mediators in your union’s subtree',
  description: 'Active and inactive entries of your union and the unions below it, optionally one role only.',
  tags: ['roster'],
  access: { roles: ['legal_admin'] },
  request: { query: RosterQuery },
  response: { status: 200, description: 'Roster entries.' },
  errors: [400],
  data: { actions: ['dynamodb:Query'], indexes: [] },
});
