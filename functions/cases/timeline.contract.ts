import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';

export const getCaseTimelineRoute = defineRoute({
  name: 'getCaseTimeline',
  method: 'GET',
  path: '/cases/{caseId}/timeline',
  summary: 'Read a case’s timeline, oldest event first',
  description: 'Timeline events are immutable; corrections appear as later events.',
  tags: ['cases'],
  access: { roles: ['operator', 'lawyer', 'mediator', 'legal_admin'] },
  request: { params: CaseIdParams },
  response: { status: 200, description: 'Every event of the case.' },
  errors: [400, 404],
  data: { actions: ['dynamodb:Query', 'dynamodb:GetItem'], indexes: [] },
});
