import { httpHandler } from '../../shared/http/handler.js';
import { rosterDependencies } from '../../shared/composition/roster.js';
import { putRosterEntry } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/staff-views.js';
import { putStaffRoute } from './put.contract.js';

export const handler = httpHandler(putStaffRoute, async ({ caller, params, body }) => ({
  body: toStaffView(await putRosterEntry(rosterDependencies(), caller, params.staffId, body)),
}));
