import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';

export const getCaseRoute = defineRoute({
  name: 'getCase',
  method: 'GET',
  path: '/cases/{caseId}',
  summary: 'Read one case of your union’s subtree',
  description:
    'A case outside the caller’s union subtree is answered 404, exactly like a case that does not exist. ' +
    'Contact details are shown in full to operators, legal departments and the case’s owner, masked for other roles; ' +
    'each disclosure is recorded on the timeline.',
  tags: ['cases'],
  access: { roles: ['operator', 'lawyer', 'mediator', 'legal_admin'] },
  request: { params: CaseIdParams },
  response: { status: 200, description: 'The case.' },
  errors: [400, 404],
  // PutItem: every disclosure of contact details is recorded on the timeline.
  data: { actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'], indexes: [] },
});
