import { httpHandler } from '../../shared/http/handler.js';
import { lookupCaller } from '../../shared/usecases/cases.js';
import { phoneHash } from '../../shared/security/phone-hash.js';
import { defaultDependencies } from '../../shared/usecases/dependencies.js';
import { toCaseSummary } from '../../shared/views/case-views.js';
import { lookupCallerRoute } from './lookup.contract.js';

export const handler = httpHandler(lookupCallerRoute, async ({ caller, body }) => {
  const found = await lookupCaller({ ...defaultDependencies(), hashPhone: phoneHash }, caller, body.phone);
  return { body: { phone: found.phoneMasked, cases: found.cases.map(toCaseSummary) } };
});
