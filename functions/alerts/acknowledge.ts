import { httpHandler } from '../../shared/http/handler.js';
import { acknowledgeAlert } from '../../shared/usecases/early-warning.js';
import { alertDependencies } from '../../shared/composition/alerts.js';
import { toAlertView } from '../../shared/views/alert-views.js';
import { acknowledgeAlertRoute } from './acknowledge.contract.js';

export const handler = httpHandler(acknowledgeAlertRoute, async ({ caller, params }) => {
  const deps = alertDependencies();
  const alert = await acknowledgeAlert(deps, caller, params.alertId);
  return { body: toAlertView(alert, await deps.unions.directory()) };
});
