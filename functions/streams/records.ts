import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { streamItemOf, type StreamItem } from '../../shared/composition/stream.js';
import { DeliveryFailure } from '../../shared/domain/notifications.js';
import { logger } from '../../shared/observability/logger.js';

/**
 * The loop both stream consumers run. Records are handled in order; on the
 * first failure the batch reports it, so Lambda retries from there and
 * nothing after it is lost or reordered. Every step is idempotent, so a
 * retried record does nothing twice. Only new items are acted on (the stream
 * filter says the same in the cloud); `act` ignores the kinds not its own.
 */
export async function consumeInOrder(
  records: readonly DynamoDBRecord[],
  act: (item: StreamItem) => Promise<void>,
): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      const image = record.dynamodb?.NewImage;
      const item = record.eventName === 'INSERT' && image ? streamItemOf(image) : undefined;
      if (item) await act(item);
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
