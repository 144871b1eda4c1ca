import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { claimCase } from '../../shared/usecases/dispatch.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { claimCaseRoute } from './claim.contract.js';

export const handler = httpHandler(claimCaseRoute, async ({ caller, params }) => {
  const deps = defaultDependencies();
  const caseRecord = await claimCase(deps, caller, params.caseId);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
