import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { CaseRecord } from '../../shared/domain/cases.js';
import type { OutboxMessage } from '../../shared/domain/notifications.js';
import { logger } from '../../shared/observability/logger.js';
import { itemOfImage } from '../../shared/store/stream-images.js';
import { DeliveryFailure } from '../../shared/domain/notifications.js';
import { STREAM_ENTITIES } from '../jobs.js';
import { streamDependencies, type StreamDependencies } from '../../shared/usecases/stream-dependencies.js';
import { raiseEarlyWarning } from '../../shared/usecases/early-warning.js';
import { deliver } from '../../shared/usecases/notify.js';
import { notificationSenders } from './senders.js';

/**
 * The table's stream consumer: delivers outbox messages (written with the
 * case changes that cause them) and runs the early warning for new cases.
 * Records are handled in order; on the first failure the batch reports it,
 * so Lambda retries from there and nothing after it is lost or reordered.
 * Every step is idempotent, so a retried record does nothing twice.
 */
/** The item kinds the consumer acts on; the event source mapping filters the stream to these. */
export const CONSUMED_ENTITIES: readonly string[] = STREAM_ENTITIES;

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
  // Only new outbox messages and new cases concern the consumer (the stream filter says the same in the cloud).
  if (record.eventName !== 'INSERT' || !image || !CONSUMED_ENTITIES.includes(image.entity?.S ?? '')) return;
  const item = itemOfImage(image);
  if (item.entity === 'outbox') {
    const result = await deliver(deps, item as unknown as OutboxMessage);
    logger.info('notification', { messageId: item.messageId, template: item.template, result });
  } else if (item.entity === 'case') {
    const alert = await raiseEarlyWarning(deps, item as unknown as CaseRecord);
    if (alert) logger.info('early warning', { alertId: alert.alertId, complaints: alert.complaints.length });
  }
}

let dependencies: StreamDependencies | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  handleRecords((dependencies ??= streamDependencies(notificationSenders())), event.Records);
