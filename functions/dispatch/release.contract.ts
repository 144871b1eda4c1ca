import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';

export const releaseCaseRoute = defineRoute({
  name: 'releaseCase',
  method: 'POST',
  path: '/cases/{caseId}/release',
  summary: 'Give a case back to the pool, with a reason',
  description: 'Only the owner can release; the case returns to the pool it came from (or to the legal department).',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.release.roles },
  request: { params: CaseIdParams, body: ReasonBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
