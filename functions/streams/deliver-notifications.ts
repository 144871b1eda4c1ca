import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { deliveryDependencies, notificationSenders } from '../../shared/composition/delivery.js';
import { logger } from '../../shared/observability/logger.js';
import { deliver, type DeliveryDependencies } from '../../shared/usecases/notify.js';
import { consumeInOrder } from './records.js';

/**
 * Delivers outbox messages (written with the case changes that cause them):
 * SMS to complainants through the deployment's provider, notices to staff.
 * The only function that carries an SMS provider's SDK.
 */
export const deliverNotifications = (
  deps: DeliveryDependencies,
  records: readonly DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> =>
  consumeInOrder(records, async (item) => {
    if (item.entity !== 'outbox') return;
    const result = await deliver(deps, item.message);
    logger.info('notification', { messageId: item.message.messageId, template: item.message.template, result });
  });

let dependencies: DeliveryDependencies | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  deliverNotifications((dependencies ??= deliveryDependencies(notificationSenders())), event.Records);
