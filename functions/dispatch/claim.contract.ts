import { caseActionRoute } from '../case-action-route.js';

export const claimCaseRoute = caseActionRoute({
  name: 'claimCase',
  action: 'claim',
  path: 'claim',
  summary: 'Claim a case from your pool',
  description:
    'Exactly one claimer wins; the others get 409 without learning who won. Refused beyond your capacity (409) or for a category you do not take or an employer you have a conflict with (422). The claim and its timeline event are one transaction.',
  tags: ['dispatch'],
  errors: [422],
});
