import { pageCursors } from '../../shared/composition/page-cursors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { listAlerts } from '../../shared/usecases/early-warning.js';
import { alertDependencies } from '../../shared/composition/alerts.js';
import { toAlertView } from '../../shared/views/alert-views.js';
import { listAlertsRoute } from './list.contract.js';

export const handler = httpHandler(listAlertsRoute, async ({ caller, query }) => {
  const deps = alertDependencies();
  const [page, directory] = await Promise.all([listAlerts({ ...deps, ...pageCursors }, caller, query), deps.unions.directory()]);
  return {
    body: {
      items: page.items.map((alert) => toAlertView(alert, directory)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
  };
});
