import { httpHandler } from '../../shared/http/handler.js';
import { registerCase } from '../../shared/usecases/cases.js';
import { phoneHash } from '../../shared/security/phone-hash.js';
import { defaultDependencies } from '../../shared/usecases/dependencies.js';
import { toCaseView } from '../../shared/views/case-views.js';
import { registerCaseRoute } from './register.contract.js';

export const handler = httpHandler(registerCaseRoute, async ({ caller, body }) => ({
  body: toCaseView(await registerCase({ ...defaultDependencies(), hashPhone: phoneHash }, caller, body)),
}));
