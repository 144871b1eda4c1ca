import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { notificationSenders, streamDependencies, streamItemOf } from '../../shared/composition/stream.js';
import { DeliveryFailure } from '../../shared/domain/notifications.js';
import { logger } from '../../shared/observability/logger.js';
import { followTransferredCase, raiseEarlyWarning } from '../../shared/usecases/early-warning.js';
import { deliver } from '../../shared/usecases/notify.js';
import type { StreamDependencies } from '../../shared/usecases/stream-dependencies.js';

/**
 * The table's stream consumer: delivers outbox messages (written with the
 * case changes that cause them) and runs the early warning for new cases.
 * Records are handled in order; on the first failure the batch reports it,
 * so Lambda retries from there and nothing after it is lost or reordered.
 * Every step is idempotent, so a retried record does nothing twice.
 */
export async function handleRecords(
  deps: StreamDependencies,
  records: readonly DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      await handleRecord(deps, record);
    } catch (error) {
      // Only the error's name (a provider's error message can quote the phone number it refused) and, for
      // failures of our own making, their details, which hold no personal information.
      logger.error('stream record failed', {
        eventId: record.eventID,
        error: error instanceof Error ? error.name : 'unknown',
        ...(error instanceof DeliveryFailure ? { details: error.details } : {}),
      });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

async function handleRecord(deps: StreamDependencies, record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  // Only new outbox messages, new cases and accepted transfers concern the consumer (the stream filter says the same in the cloud).
  const item = record.eventName === 'INSERT' && image ? streamItemOf(image) : undefined;
  if (item?.entity === 'outbox') {
    const result = await deliver(deps, item.message);
    logger.info('notification', { messageId: item.message.messageId, template: item.message.template, result });
  } else if (item?.entity === 'case') {
    const alert = await raiseEarlyWarning(deps, item.caseRecord);
    if (alert) logger.info('early warning', { alertId: alert.alertId, complaints: alert.complaints.length });
  } else if (item?.entity === 'event') {
    const alert = await followTransferredCase(deps, item.transferredCaseId);
    if (alert) logger.info('early warning follows a transfer', { alertId: alert.alertId, unions: alert.unions.length });
  }
}

let dependencies: StreamDependencies | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  handleRecords((dependencies ??= streamDependencies(notificationSenders())), event.Records);
