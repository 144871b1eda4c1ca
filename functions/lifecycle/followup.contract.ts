import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { FollowUpBody } from '../../shared/schemas/lifecycle.js';
import { DISPATCH_ACTIONS } from '../dispatch/actions.js';

export const followUpCaseRoute = defineRoute({
  name: 'followUpCase',
  method: 'POST',
  path: '/cases/{caseId}/followup',
  summary: 'Record the call-back (回访)',
  description:
    "The union's call-back after closure, with the worker's satisfaction (1–5) when they were reached. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  access: { roles: CASE_ACTIONS.follow_up.roles },
  request: { params: CaseIdParams, body: FollowUpBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
