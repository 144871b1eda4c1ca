import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';

export const claimCaseRoute = defineRoute({
  name: 'claimCase',
  method: 'POST',
  path: '/cases/{caseId}/claim',
  summary: 'Claim a case from your pool',
  description:
    'Exactly one claimer wins; the others get 409 without learning who won. Refused beyond your capacity (409) or for a category you do not take or an employer you have a conflict with (422). The claim and its timeline event are one transaction.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.claim.roles },
  request: { params: CaseIdParams },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
