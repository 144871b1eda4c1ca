import { httpHandler } from '../../shared/http/handler.js';
import { rosterDependencies } from '../../shared/composition/roster.js';
import { listRoster } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/staff-views.js';
import { listStaffRoute } from './list.contract.js';

export const handler = httpHandler(listStaffRoute, async ({ caller, query }) => ({
  body: { items: (await listRoster(rosterDependencies(), caller, query)).map(toStaffView) },
}));
