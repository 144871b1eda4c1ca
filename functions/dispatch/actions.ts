import type { TableAction } from '../../shared/http/contract.js';

/**
 * What a dispatch transition touches: the case (read, then replaced under a
 * version check), its new timeline events, the union directory and the staff
 * counters; all writes in one transaction.
 */
export const DISPATCH_ACTIONS: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];
