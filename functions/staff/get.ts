import { httpHandler } from '../../shared/http/handler.js';
import { rosterDependencies } from '../../shared/composition/roster.js';
import { getRosterEntry } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/staff-views.js';
import { getStaffRoute } from './get.contract.js';

export const handler = httpHandler(getStaffRoute, async ({ caller, params }) => ({
  body: toStaffView(await getRosterEntry(rosterDependencies(), caller, params.staffId)),
}));
