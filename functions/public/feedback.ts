import { httpHandler } from '../../shared/http/handler.js';
import { inChinaTime } from '../../shared/views/china-time-view.js';
import { publicDependencies } from '../../shared/composition/public-api.js';
import { giveFeedback } from '../../shared/usecases/public-complaints.js';
import { givePublicFeedbackRoute } from './feedback.contract.js';

export const handler = httpHandler(givePublicFeedbackRoute, async ({ params, headers, body, sourceIp }) => {
  const feedback = await giveFeedback(publicDependencies(), params.caseNumber, headers['x-access-code'], body, sourceIp);
  return {
    body: { caseNumber: params.caseNumber, score: feedback.score, at: inChinaTime(feedback.at), message: '感谢您的评价。' },
  };
});
