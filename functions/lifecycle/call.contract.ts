import { caseActionRoute } from '../case-action-route.js';
import { HotlineCallBody } from '../../shared/schemas/lifecycle.js';

export const logHotlineCallRoute = caseActionRoute({
  name: 'logHotlineCall',
  action: 'log_call',
  path: 'calls',
  summary: 'Log a 12351 call about an existing case',
  description:
    'An operator (or the legal department) logs a call about a case that already exists, in any status: the worker ringing again, or the union ringing back. The call goes on the timeline and into the month’s figures (12351来电接听 / 12351去电); the case’s status, owner and clocks do not change. 409 when someone else changed the case meanwhile.',
  tags: ['lifecycle'],
  body: HotlineCallBody,
  errors: [422],
});
