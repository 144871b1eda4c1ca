import { caseActionRoute } from '../case-action-route.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';

export const rejectTransferRoute = caseActionRoute({
  name: 'rejectTransfer',
  action: 'reject_transfer',
  path: 'transfer/reject',
  summary: 'Reject a transfer to your union, with a reason',
  description: 'The case returns to the sending union in the state it was in, with your reason on its timeline.',
  tags: ['dispatch'],
  body: ReasonBody,
});
