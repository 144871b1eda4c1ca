import { defineRoute } from '../../shared/http/contract.js';
import { RegisterCaseBody } from '../../shared/schemas/case.js';

export const registerCaseRoute = defineRoute({
  name: 'registerCase',
  method: 'POST',
  path: '/cases',
  summary: 'Register a hotline call as a case',
  description:
    'Registers a call in the union responsible for its region (the deepest union whose division code covers it), ' +
    'which must lie in the operator’s own subtree. Assigns the case number `<unionCode>-<YYYYMMDD>-<NNNN>` and writes ' +
    'the first timeline event in the same transaction. A consultation answered on the call is registered closed.',
  tags: ['cases'],
  access: { roles: ['operator'] },
  request: { body: RegisterCaseBody },
  response: { status: 201, description: 'The case as registered.' },
  errors: [400, 413, 415, 422],
  data: {
    actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    indexes: [],
    phoneHashKey: true,
  },
});
