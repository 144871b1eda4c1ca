import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';
import { DISPATCH_ACTIONS } from '../dispatch/actions.js';

export const reopenCaseRoute = defineRoute({
  name: 'reopenCase',
  method: 'POST',
  path: '/cases/{caseId}/reopen',
  summary: 'Reopen a concluded case',
  description:
    "The closure no longer stands: its figures leave the month they were counted in, and the case waits where triage put it with a new completion target. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  access: { roles: CASE_ACTIONS.reopen.roles },
  request: { params: CaseIdParams, body: ReasonBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
