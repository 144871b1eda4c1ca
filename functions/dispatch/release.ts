import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { releaseCase } from '../../shared/usecases/dispatch.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { releaseCaseRoute } from './release.contract.js';

export const handler = httpHandler(releaseCaseRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await releaseCase(deps, caller, params.caseId, body.reason);
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
