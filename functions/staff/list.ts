import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { listRoster } from '../../shared/usecases/roster.js';
import { toStaffView } from '../../shared/views/case-views.js';
import { listStaffRoute } from './list.contract.js';

export const handler = httpHandler(listStaffRoute, async ({ caller, query }) => ({
  body: { items: (await listRoster(defaultDependencies(), caller, query)).map(toStaffView) },
}));
