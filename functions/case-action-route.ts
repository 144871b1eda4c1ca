import { CASE_ACTIONS, type CaseAction } from '../shared/domain/lifecycle.js';
import { defineRoute, type Schema, type TableAction } from '../shared/http/contract.js';
import { CaseIdParams } from '../shared/schemas/case.js';

/**
 * What a case action touches: the case (read, then replaced under a version
 * check), its new timeline events, the union directory and the staff
 * caseloads; all writes in one transaction.
 */
export const CASE_ACTION_DATA: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // A change writes the one of the case's two items it changed and checks the other (see CaseRepository).
  'dynamodb:ConditionCheckItem',
];

interface CaseActionRouteSpec<Name extends string, Body extends Schema | undefined> {
  readonly name: Name;
  /** The state machine's action (domain/lifecycle.ts): who may call the route comes from it. */
  readonly action: CaseAction;
  /** The path below `/cases/{caseId}/`, e.g. `claim` or `transfer/accept`. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly ['dispatch' | 'lifecycle'];
  readonly body?: Body;
  /** Error statuses besides the ones every route and every body can return (400, 403, 404, 409; 413 and 415). */
  readonly errors?: readonly number[];
}

/**
 * A route that moves one case through the state machine: POST to
 * `/cases/{caseId}/<path>`, the roles of its action, the case after the change
 * as the answer. Every case action's contract is this shape.
 */
export function caseActionRoute<const Name extends string, Body extends Schema | undefined = undefined>(
  spec: CaseActionRouteSpec<Name, Body>,
) {
  const { name, action, path, summary, description, tags, body, errors = [] } = spec;
  return defineRoute({
    name,
    method: 'POST',
    path: `/cases/{caseId}/${path}`,
    summary,
    description,
    tags,
    access: { roles: CASE_ACTIONS[action].roles },
    request: { params: CaseIdParams, body: body as Body },
    response: { status: 200, description: 'The case after the change (contact details masked).' },
    errors: [400, 403, 404, 409, ...(body ? [413, 415] : []), ...errors],
    data: { actions: CASE_ACTION_DATA, indexes: [] },
  });
}
