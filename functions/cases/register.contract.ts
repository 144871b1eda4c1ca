import { defineRoute } from '../../shared/http/contract.js';
import { RegisterCaseBody } from '../../shared/schemas/case.js';
import { IdempotencyHeaders } from '../../shared/schemas/public.js';

export const registerCaseRoute = defineRoute({
  name: 'registerCase',
  method: 'POST',
  path: '/cases',
  summary: 'Register a hotline call as a case',
  description:
    'Registers a call in the union responsible for its region (the deepest union whose division code covers it), ' +
    'which must lie in the operator’s own subtree. Assigns the case number `<unionCode>-<YYYYMMDD>-<NNNN>` and writes ' +
    'the first timeline event in the same transaction. A consultation answered on the call is registered closed. ' +
    'Send an `Idempotency-Key` (e.g. a UUID per call logged; it is private to you) so that a retry returns the ' +
    'original answer instead of a second case and a second SMS; the same key with a different body is refused ' +
    '(422 `IDEMPOTENCY_KEY_REUSED`), and a retry while the first is still running may get 409 `REQUEST_IN_PROGRESS`. ' +
    'A 503 `OUTCOME_UNKNOWN` means the request ran out of time and the case may or may not have been registered: ' +
    'retry with the same Idempotency-Key (you get the case if it exists), or look the caller up before registering ' +
    'again. A 503 `BUSY` means nothing was registered.',
  tags: ['cases'],
  access: { roles: ['operator'] },
  request: { body: RegisterCaseBody, headers: IdempotencyHeaders },
  response: { status: 201, description: 'The case as registered.' },
  errors: [400, 409, 413, 415, 422, 503],
  data: {
    // DeleteItem: Powertools' idempotency record of a request that failed, so a retry may run.
    // ConditionCheckItem: an urgent hotline case assigned to the duty lawyer at once (see CaseRepository.saveTransition).
    actions: [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ],
    indexes: [],
    phoneHashKey: true,
  },
});
