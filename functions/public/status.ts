import { httpHandler } from '../../shared/http/handler.js';
import { publicDependencies } from '../../shared/composition/public-api.js';
import { publicCaseStatus } from '../../shared/usecases/public-complaints.js';
import { toPublicCaseView } from '../../shared/views/public-views.js';
import { getPublicComplaintRoute } from './status.contract.js';

export const handler = httpHandler(getPublicComplaintRoute, async ({ params, headers, sourceIp }) => {
  const { caseRecord, unionName, events } = await publicCaseStatus(
    publicDependencies(),
    params.caseNumber,
    headers['x-access-code'],
    sourceIp,
  );
  return { body: toPublicCaseView(caseRecord, unionName, events) };
});
