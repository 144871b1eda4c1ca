import { caseActionRoute } from '../case-action-route.js';
import { FollowUpBody } from '../../shared/schemas/lifecycle.js';

export const followUpCaseRoute = caseActionRoute({
  name: 'followUpCase',
  action: 'follow_up',
  path: 'followup',
  summary: 'Record the call-back (回访)',
  description:
    "The union's call-back after closure, with the worker's satisfaction (1–5) when they were reached. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  body: FollowUpBody,
  errors: [422],
});
