import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { CloseBody } from '../../shared/schemas/lifecycle.js';
import { DISPATCH_ACTIONS } from '../dispatch/actions.js';

export const closeCaseRoute = defineRoute({
  name: 'closeCase',
  method: 'POST',
  path: '/cases/{caseId}/close',
  summary: 'Close a case with its outcome',
  description:
    "Records the outcome and the money recovered (integer fen), meets every running clock (late if past due), frees the owner's capacity and messages the complainant, in one transaction with the month's figures. Refused with 409 and the allowed next actions when the case's status does not allow it; 409 also when someone else changed the case meanwhile.",
  tags: ['lifecycle'],
  access: { roles: CASE_ACTIONS.close.roles },
  request: { params: CaseIdParams, body: CloseBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
