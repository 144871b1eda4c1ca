import { defineRoute } from '../../shared/http/contract.js';
import { CallerLookupBody } from '../../shared/schemas/case.js';

export const lookupCallerRoute = defineRoute({
  name: 'lookupCaller',
  method: 'POST',
  path: '/callers/lookup',
  summary: 'Find a caller’s earlier cases by phone number',
  description:
    'Lets the operator see a repeat caller. Only cases in the caller’s union subtree are listed. The number is ' +
    'sent in the body (not the URL) so it never lands in access logs; it is matched by keyed hash.',
  tags: ['callers'],
  access: { roles: ['operator', 'legal_admin'] },
  request: { body: CallerLookupBody },
  response: { status: 200, description: 'Earlier cases, newest first.' },
  errors: [400, 413, 415],
  data: { actions: ['dynamodb:Query'], indexes: ['casesByPhoneHash'], phoneHashKey: true },
});
