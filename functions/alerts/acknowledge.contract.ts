import * as z from 'zod/mini';
import { defineRoute } from '../../shared/http/contract.js';
import { phrased } from '../../shared/schemas/common.js';
import { ALERT_ACTIONS } from './actions.js';

export const AlertIdParams = z.strictObject({
  alertId: z.string().check(phrased(z.uuid(), { zh: '应为预警ID（UUID）', en: 'must be an alert id (UUID)' })),
});

export const acknowledgeAlertRoute = defineRoute({
  name: 'acknowledgeAlert',
  method: 'POST',
  path: '/alerts/{alertId}/acknowledge',
  summary: 'Acknowledge an early warning',
  description:
    'Records that your legal department has seen the alert and who acknowledged it. Each department acknowledges for itself.',
  tags: ['alerts'],
  access: { roles: ['legal_admin'] },
  request: { params: AlertIdParams },
  response: { status: 200, description: 'The alert, acknowledged.' },
  errors: [400, 404],
  data: { actions: ALERT_ACTIONS, indexes: [] },
});
