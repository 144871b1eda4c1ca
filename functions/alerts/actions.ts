import type { TableAction } from '../../shared/http/contract.js';

/** Alerts: a department's list (Query), the alerts (BatchGetItem / GetItem) and the acknowledgement (UpdateItem). */
export const ALERT_ACTIONS: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];
