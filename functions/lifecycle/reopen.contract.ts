import { caseActionRoute } from '../case-action-route.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';

export const reopenCaseRoute = caseActionRoute({
  name: 'reopenCase',
  action: 'reopen',
  path: 'reopen',
  summary: 'Reopen a concluded case',
  description:
    "The closure no longer stands: its figures leave the month they were counted in, and the case waits where triage put it with a new completion target. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  body: ReasonBody,
  errors: [422],
});
