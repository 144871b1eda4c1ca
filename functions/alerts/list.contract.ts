import { defineRoute } from '../../shared/http/contract.js';
import { ALERT_ACTIONS } from './actions.js';

export const listAlertsRoute = defineRoute({
  name: 'listAlerts',
  method: 'GET',
  path: '/alerts',
  summary: 'Early warnings for your legal department',
  description:
    '欠薪预警: complaints against one employer (by unified social credit code) that reached the threshold (3 in 7 days, or 10 workers), across unions. Each legal department whose subtree holds one of the cases sees the alert, with its own cases listed and the others counted. Newest first.',
  tags: ['alerts'],
  access: { roles: ['legal_admin'] },
  request: {},
  response: { status: 200, description: 'The alerts, newest first.' },
  errors: [],
  data: { actions: ALERT_ACTIONS, indexes: [] },
});
