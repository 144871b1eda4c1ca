import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { DISPATCH_ACTIONS } from './actions.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { AssignBody } from '../../shared/schemas/dispatch.js';

export const assignCaseRoute = defineRoute({
  name: 'assignCase',
  method: 'POST',
  path: '/cases/{caseId}/assign',
  summary: 'Assign or reassign a case to a lawyer or mediator',
  description:
    'To a lawyer or mediator of your subtree who can see the case (its union is theirs or one below it). Categories, conflicts of interest and capacity are honoured unless `override` names the rule (`category_not_taken`, `conflict_of_interest`, `at_capacity`) and gives a reason; it waives only the rules it names, and the timeline keeps both. A refusal (422) lists each broken rule as a detail: on `staffId` for rules nobody may waive (`case_outside_union`, `inactive`), on `override.rules` for those not named.',
  tags: ['dispatch'],
  access: { roles: CASE_ACTIONS.assign.roles },
  request: { params: CaseIdParams, body: AssignBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
