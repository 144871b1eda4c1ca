import { defineRoute } from '../../shared/http/contract.js';
import { AccessCodeHeaders, CaseNumberParams, FeedbackBody } from '../../shared/schemas/public.js';
import { CHANGE_OWN_CASE_ACTIONS } from './status.contract.js';

export const givePublicFeedbackRoute = defineRoute({
  name: 'givePublicFeedback',
  method: 'POST',
  path: '/public/complaints/{caseNumber}/feedback',
  summary: 'Rate the service once your case is closed',
  description: 'A score from 1 to 5 and an optional comment, accepted once and only after closure (409 otherwise).',
  tags: ['public'],
  access: { public: true },
  request: { params: CaseNumberParams, headers: AccessCodeHeaders, body: FeedbackBody, maxBodyBytes: 4 * 1024 },
  response: { status: 201, description: 'The rating was recorded.' },
  errors: [400, 404, 409, 413, 415, 429],
  data: { actions: CHANGE_OWN_CASE_ACTIONS, indexes: [] },
});
