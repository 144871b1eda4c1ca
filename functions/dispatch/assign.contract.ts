import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { AssignBody } from '../../shared/schemas/dispatch.js';

export const assignCaseRoute = defineRoute({
  name: 'assignCase',
  method: 'POST',
  path: '/cases/{caseId}/assign',
  summary: 'Assign or reassign a case to a lawyer or mediator',
  description:
    'Within your subtree. Capacity, categories and conflicts of interest are honoured unless `override` gives a reason, which the timeline keeps.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.assign.roles },
  request: { params: CaseIdParams, body: AssignBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
