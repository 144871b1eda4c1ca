import { defineRoute } from '../../shared/http/contract.js';
import { AccessCodeHeaders, CaseNumberParams, SupplementBody } from '../../shared/schemas/public.js';
import { CHANGE_OWN_CASE_ACTIONS } from './status.contract.js';

export const addPublicSupplementRoute = defineRoute({
  name: 'addPublicSupplement',
  method: 'POST',
  path: '/public/complaints/{caseNumber}/supplements',
  summary: 'Add information to your complaint',
  description: 'Becomes a timeline event the staff working the case see. Needs `X-Access-Code`; at most 20 per case.',
  tags: ['public'],
  access: { public: true },
  request: { params: CaseNumberParams, headers: AccessCodeHeaders, body: SupplementBody, maxBodyBytes: 8 * 1024 },
  response: { status: 201, description: 'The supplement was added.' },
  errors: [400, 404, 409, 413, 415, 429],
  data: { actions: CHANGE_OWN_CASE_ACTIONS, indexes: [] },
});
