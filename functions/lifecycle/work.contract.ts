import { caseActionRoute } from '../case-action-route.js';
import { WorkEntryBody } from '../../shared/schemas/lifecycle.js';

export const addCaseWorkRoute = caseActionRoute({
  name: 'addCaseWork',
  action: 'record_work',
  path: 'work',
  summary: 'Record case work',
  description:
    "Notes, calls, mediation sessions, a mediated agreement, arbitration (filed, accepted, extended, awarded) and referral to labour inspection. The owner (or the legal department) records; each entry is an immutable timeline event and moves the case's clocks. A claimed case goes in progress (or in mediation). Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  body: WorkEntryBody,
  errors: [422],
});
