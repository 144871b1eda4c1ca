import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { earlyWarningDependencies } from '../../shared/composition/early-warning.js';
import { logger } from '../../shared/observability/logger.js';
import {
  followTransferredCase,
  raiseEarlyWarning,
  type AlertDependencies,
  type TransferredCases,
} from '../../shared/usecases/early-warning.js';
import { consumeInOrder } from './records.js';

/**
 * The wage-arrears early warning, run for each new case and each accepted
 * transfer. The notices it queues go out through the outbox deliverer, so
 * this function sends nothing and carries no SMS SDK.
 */
export const raiseEarlyWarnings = (
  deps: AlertDependencies & TransferredCases,
  records: readonly DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> =>
  consumeInOrder(records, async (item) => {
    if (item.entity === 'case') {
      const alert = await raiseEarlyWarning(deps, item.caseRecord);
      if (alert) logger.info('early warning', { alertId: alert.alertId, complaints: alert.complaints.length });
    } else if (item.entity === 'event') {
      const alert = await followTransferredCase(deps, item.transferredCaseId);
      if (alert) logger.info('early warning follows a transfer', { alertId: alert.alertId, unions: alert.unions.length });
    }
  });

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  raiseEarlyWarnings(earlyWarningDependencies(), event.Records);
