import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { defineRoute } from '../../shared/http/contract.js';
import { CaseIdParams } from '../../shared/schemas/case.js';
import { HotlineCallBody } from '../../shared/schemas/lifecycle.js';
import { DISPATCH_ACTIONS } from '../dispatch/actions.js';

export const logHotlineCallRoute = defineRoute({
  name: 'logHotlineCall',
  method: 'POST',
  path: '/cases/{caseId}/calls',
  summary: 'Log a 12351 call about an existing case',
  description:
    'An operator (or the legal department) logs a call about a case that already exists, in any status: the worker ringing again, or the union ringing back. The call goes on the timeline and into the month’s figures (12351来电接听 / 12351去电); the case’s status, owner and clocks do not change. 409 when someone else changed the case meanwhile.',
  tags: ['lifecycle'],
  access: { roles: CASE_ACTIONS.log_call.roles },
  request: { params: CaseIdParams, body: HotlineCallBody },
  response: { status: 200, description: 'The case after the change (contact details masked).' },
  errors: [400, 403, 404, 409, 413, 415, 422],
  data: { actions: DISPATCH_ACTIONS, indexes: [] },
});
