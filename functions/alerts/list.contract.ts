import { defineRoute } from '../../shared/http/contract.js';
import { ListAlertsQuery } from '../../shared/schemas/case.js';
import { ALERT_ACTIONS } from './actions.js';

export const listAlertsRoute = defineRoute({
  name: 'listAlerts',
  method: 'GET',
  path: '/alerts',
  summary: 'Early warnings for your legal department',
  description:
    '欠薪预警: complaints against one employer (by unified social credit code) that reached the threshold (3 in 7 days, or 10 workers), across unions. Each legal department whose subtree holds one of the cases sees the alert, with its own cases listed and the others counted; a transferred case counts where it is now held. Newest first. Paged like `GET /cases`: pages hold up to `limit` alerts (default 25); pass `nextCursor` back as `cursor` for the next page: a cursor from another list, or an edited one, is refused with 400 `INVALID_CURSOR`.',
  tags: ['alerts'],
  access: { roles: ['legal_admin'] },
  request: { query: ListAlertsQuery },
  response: { status: 200, description: 'One page of alerts, newest first.' },
  errors: [400],
  data: { actions: ALERT_ACTIONS, indexes: [], cursorKey: true },
});
