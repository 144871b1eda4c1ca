import { phoneHashing } from '../../shared/composition/phone-hashing.js';
import { httpHandler } from '../../shared/http/handler.js';
import { lookupCaller } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toCaseSummary } from '../../shared/views/case-views.js';
import { lookupCallerRoute } from './lookup.contract.js';

export const handler = httpHandler(lookupCallerRoute, async ({ caller, body }) => {
  const found = await lookupCaller({ ...defaultDependencies(), ...phoneHashing }, caller, body.phone);
  return { body: { phone: found.phoneMasked, cases: found.cases.map(toCaseSummary) } };
});
