import { httpHandler } from '../../shared/http/handler.js';
import { getTimeline } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toTimelineEventView } from '../../shared/views/case-views.js';
import { getCaseTimelineRoute } from './timeline.contract.js';

export const handler = httpHandler(getCaseTimelineRoute, async ({ caller, params }) => ({
  body: {
    caseId: params.caseId,
    events: (await getTimeline(defaultDependencies(), caller, params.caseId)).map(toTimelineEventView),
  },
}));
