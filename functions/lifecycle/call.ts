import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { logCaseCall } from '../../shared/usecases/lifecycle.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { logHotlineCallRoute } from './call.contract.js';

export const handler = httpHandler(logHotlineCallRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await logCaseCall(deps, caller, params.caseId, body);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
