import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { addCaseWork } from '../../shared/usecases/lifecycle.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { addCaseWorkRoute } from './work.contract.js';

export const handler = httpHandler(addCaseWorkRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await addCaseWork(deps, caller, params.caseId, body);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
