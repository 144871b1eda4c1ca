import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { TransferBody } from '../../shared/schemas/dispatch.js';

export const transferCaseRoute = defineRoute({
  name: 'transferCase',
  method: 'POST',
  path: '/cases/{caseId}/transfer',
  summary: 'Transfer a case to another union (转交)',
  description:
    'The case becomes pending for the receiving union; until it accepts, the sending union stays accountable and both see the case. The case number never changes.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.transfer.roles },
  request: { params: CaseIdParams, body: TransferBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
