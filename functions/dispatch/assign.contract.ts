import { caseActionRoute } from '../case-action-route.js';
import { AssignBody } from '../../shared/schemas/dispatch.js';

export const assignCaseRoute = caseActionRoute({
  name: 'assignCase',
  action: 'assign',
  path: 'assign',
  summary: 'Assign or reassign a case to a lawyer or mediator',
  description:
    'To a lawyer or mediator of your subtree who can see the case (its union is theirs or one below it). Categories, conflicts of interest and capacity are honoured unless `override` names the rule (`category_not_taken`, `conflict_of_interest`, `at_capacity`) and gives a reason; it waives only the rules it names, and the timeline keeps both. A refusal (422) lists each broken rule as a detail: on `staffId` for rules nobody may waive (`case_outside_union`, `inactive`), on `override.rules` for those not named.',
  tags: ['dispatch'],
  body: AssignBody,
  errors: [422],
});
