import { caseActionRoute } from '../case-action-route.js';

export const acceptTransferRoute = caseActionRoute({
  name: 'acceptTransfer',
  action: 'accept_transfer',
  path: 'transfer/accept',
  summary: 'Accept a transfer to your union',
  description:
    'The case moves to your union: its pool and its reports. Only the receiving union’s legal department (or one above it) can accept.',
  tags: ['dispatch'],
});
