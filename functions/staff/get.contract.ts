import { defineRoute } from '../../shared/http/contract.js';
import { StaffIdParams } from '../../shared/schemas/dispatch.js';

export const getStaffRoute = defineRoute({
  name: 'getStaff',
  method: 'GET',
  path: '/staff/{staffId}',
  summary: 'One roster entry of your subtree',
  description: 'An entry outside your union’s subtree answers 404, as if it did not exist.',
  tags: ['roster'],
  access: { roles: ['legal_admin'] },
  request: { params: StaffIdParams },
  response: { status: 200, description: 'The roster entry.' },
  errors: [400, 404],
  data: { actions: ['dynamodb:Query', 'dynamodb:GetItem'], indexes: [] },
});
