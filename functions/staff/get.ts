import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { getRosterEntry } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/case-views.js';
import { getStaffRoute } from './get.contract.js';

export const handler = httpHandler(getStaffRoute, async ({ caller, params }) => ({
  body: toStaffView(await getRosterEntry(defaultDependencies(), caller, params.staffId)),
}));
