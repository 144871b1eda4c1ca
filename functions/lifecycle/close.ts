import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { closeCaseWithOutcome } from '../../shared/usecases/lifecycle.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { closeCaseRoute } from './close.contract.js';

export const handler = httpHandler(closeCaseRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await closeCaseWithOutcome(deps, caller, params.caseId, body);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
