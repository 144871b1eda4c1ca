import { httpHandler } from '../../shared/http/handler.js';
import { listAlerts } from '../../shared/usecases/early-warning.js';
import { alertDependencies } from '../../shared/composition/alerts.js';
import { toAlertView } from '../../shared/views/alert-views.js';
import { listAlertsRoute } from './list.contract.js';

export const handler = httpHandler(listAlertsRoute, async ({ caller }) => {
  const deps = alertDependencies();
  const [alerts, directory] = await Promise.all([listAlerts(deps, caller), deps.unions.directory()]);
  return { body: { items: alerts.map((alert) => toAlertView(alert, directory)) } };
});
