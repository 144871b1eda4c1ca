import { defineRoute } from '../../shared/http/contract.js';
import { RosterEntryBody, StaffIdParams } from '../../shared/schemas/dispatch.js';

export const putStaffRoute = defineRoute({
  name: 'putStaff',
  method: 'PUT',
  path: '/staff/{staffId}',
  summary: 'Add or update a lawyer or mediator on the roster',
  description:
    'The staff id is the user’s `sub` at the staff OpenID Connect issuer; it has one roster entry, so moving someone to another union of your subtree updates it. An id on the roster of a union outside your subtree (in your province or another) is 404, as if unknown. The active-case count is maintained by claims and releases, never set here.',
  tags: ['roster'],
  access: { roles: ['legal_admin'] },
  request: { params: StaffIdParams, body: RosterEntryBody },
  response: { status: 200, description: 'The roster entry as stored.' },
  errors: [400, 404, 409, 413, 415, 422],
  data: { actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'], indexes: [] },
});
