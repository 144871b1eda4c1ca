import { idempotentByKey } from '../../shared/composition/idempotency.js';
import { phoneHashing } from '../../shared/composition/phone-hashing.js';
import type { Caller } from '../../shared/domain/roles.js';
import { httpHandler } from '../../shared/http/handler.js';
import type { RegisterCaseInput } from '../../shared/schemas/case.js';
import { staffRegistrationIdempotency } from '../../shared/usecases/digests.js';
import { registerCase, registrationKeyReused } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toCaseView } from '../../shared/views/case-views.js';
import { registerCaseRoute } from './register.contract.js';

const register = (caller: Caller, body: RegisterCaseInput, idempotencyKey?: string) =>
  registerCase(
    { ...defaultDependencies(), ...phoneHashing },
    caller,
    body,
    idempotencyKey ? staffRegistrationIdempotency(caller.staffId, idempotencyKey, body) : undefined,
  ).then(toCaseView);

/**
 * A retry within the hour gets the original answer; a later one finds the case
 * through the marker the registration wrote. The key is scoped to the operator.
 */
const registerOnce = idempotentByKey<RegisterCaseInput, ReturnType<typeof toCaseView>, { caller: Caller; key: string }>(
  'registerCase',
  ({ caller, key, body }) => register(caller, body, key),
  {
    expiresAfterSeconds: 60 * 60,
    conflictMessage: registrationKeyReused().said,
  },
);

export const handler = httpHandler(registerCaseRoute, async ({ caller, body, headers }, context) => {
  const key = headers['idempotency-key'];
  return {
    body: key
      ? await registerOnce({ idempotencyKey: JSON.stringify([caller.staffId, key]), key, caller, body }, context)
      : await register(caller, body),
  };
});
