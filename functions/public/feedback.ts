import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/usecases/dependencies.js';
import { giveFeedback } from '../../shared/usecases/public-complaints.js';
import { givePublicFeedbackRoute } from './feedback.contract.js';

export const handler = httpHandler(givePublicFeedbackRoute, async ({ params, headers, body }) => {
  const feedback = await giveFeedback(defaultDependencies(), params.caseNumber, headers['x-access-code'], body);
  return { body: { caseNumber: params.caseNumber, score: feedback.score, at: feedback.at, message: '感谢您的评价。' } };
});
