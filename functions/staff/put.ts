import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { putRosterEntry } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/case-views.js';
import { putStaffRoute } from './put.contract.js';

export const handler = httpHandler(putStaffRoute, async ({ caller, params, body }) => ({
  body: toStaffView(await putRosterEntry(defaultDependencies(), caller, params.staffId, body)),
}));
