import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { assignCase } from '../../shared/usecases/dispatch.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { assignCaseRoute } from './assign.contract.js';

export const handler = httpHandler(assignCaseRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await assignCase(deps, caller, params.caseId, body);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
