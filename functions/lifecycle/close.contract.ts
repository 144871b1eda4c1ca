import { caseActionRoute } from '../case-action-route.js';
import { CloseBody } from '../../shared/schemas/lifecycle.js';

export const closeCaseRoute = caseActionRoute({
  name: 'closeCase',
  action: 'close',
  path: 'close',
  summary: 'Close a case with its outcome',
  description:
    "Records the outcome and the money recovered (integer fen), meets every running clock (late if past due), frees the owner's capacity and messages the complainant, in one transaction with the month's figures. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  body: CloseBody,
  errors: [422],
});
