import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { answerTransfer } from '../../shared/usecases/dispatch.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { acceptTransferRoute } from './transfer-accept.contract.js';

export const handler = httpHandler(acceptTransferRoute, async ({ caller, params }) => {
  const deps = defaultDependencies();
  const caseRecord = await answerTransfer(deps, caller, params.caseId, { accept: true });
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
