import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { WorkEntryBody } from '../../shared/schemas/lifecycle.js';
import { DISPATCH_ACTIONS } from '../dispatch/actions.js';

export const addCaseWorkRoute = defineRoute({
  name: 'addCaseWork',
  method: 'POST',
  path: '/cases/{caseId}/work',
  summary: 'Record case work',
  description:
    "Notes, calls, mediation sessions, a mediated agreement, arbitration (filed, accepted, extended, awarded) and referral to labour inspection. The owner (or the legal department) records; each entry is an immutable timeline event and moves the case's clocks. A claimed case goes in progress (or in mediation). Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  access: { roles: CASE_ACTIONS.record_work.roles },
  request: { params: CaseIdParams, body: WorkEntryBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
