import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';

export const acceptTransferRoute = defineRoute({
  name: 'acceptTransfer',
  method: 'POST',
  path: '/cases/{caseId}/transfer/accept',
  summary: 'Accept a transfer to your union',
  description:
    'The case moves to your union: its pool and its reports. Only the receiving union’s legal department (or one above it) can accept.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.accept_transfer.roles },
  request: { params: CaseIdParams },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
