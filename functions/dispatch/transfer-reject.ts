import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { answerTransfer } from '../../shared/usecases/dispatch.js';
import { toMaskedCaseView } from '../../shared/views/case-views.js';
import { rejectTransferRoute } from './transfer-reject.contract.js';

export const handler = httpHandler(rejectTransferRoute, async ({ caller, params, body }) => {
  const deps = defaultDependencies();
  const caseRecord = await answerTransfer(deps, caller, params.caseId, { accept: false, reason: body.reason });
  return { body: toMaskedCaseView(caseRecord, await deps.unions.directory()) };
});
