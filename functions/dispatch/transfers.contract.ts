import { defineRoute } from '../../shared/http/contract.js';

export const listTransfersRoute = defineRoute({
  name: 'listTransfers',
  method: 'GET',
  path: '/transfers',
  summary: 'Pending transfers: to your union, and from it',
  description:
    'Transfers waiting for an answer: those sent to the caller’s union (to accept or reject) and those it sent (still its responsibility until accepted: 首问负责).',
  tags: ['dispatch'],
  access: { roles: ['legal_admin'] },
  request: {},
  response: { status: 200, description: 'Incoming and outgoing pending transfers.' },
  errors: [],
  data: {
    actions: ['dynamodb:Query'],
    indexes: ['transfersByTarget', 'casesByL1Union', 'casesByL2Union', 'casesByL3Union'],
  },
});
