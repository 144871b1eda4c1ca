import { httpHandler } from '../../shared/http/handler.js';
import { inChinaTime } from '../../shared/views/china-time-view.js';
import { publicDependencies } from '../../shared/composition/public-api.js';
import { addSupplement } from '../../shared/usecases/public-complaints.js';
import { addPublicSupplementRoute } from './supplement.contract.js';

export const handler = httpHandler(addPublicSupplementRoute, async ({ params, headers, body, sourceIp }) => {
  const event = await addSupplement(publicDependencies(), params.caseNumber, headers['x-access-code'], body.text, sourceIp);
  return {
    body: { caseNumber: params.caseNumber, at: inChinaTime(event.at), message: '已收到您补充的材料，承办人员可以看到。' },
  };
});
