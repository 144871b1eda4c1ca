import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';

export const rejectTransferRoute = defineRoute({
  name: 'rejectTransfer',
  method: 'POST',
  path: '/cases/{caseId}/transfer/reject',
  summary: 'Reject a transfer to your union, with a reason',
  description: 'The case returns to the sending union in the state it was in, with your reason on its timeline.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.reject_transfer.roles },
  request: { params: CaseIdParams, body: ReasonBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
