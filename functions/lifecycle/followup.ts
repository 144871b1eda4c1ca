import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { followUpCase } from '../../shared/usecases/lifecycle.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { followUpCaseRoute } from './followup.contract.js';

export const handler = httpHandler(followUpCaseRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await followUpCase(deps, caller, params.caseId, body);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
