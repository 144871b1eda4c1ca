import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { reopenClosedCase } from '../../shared/usecases/lifecycle.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { reopenCaseRoute } from './reopen.contract.js';

export const handler = httpHandler(reopenCaseRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await reopenClosedCase(deps, caller, params.caseId, body.reason);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
