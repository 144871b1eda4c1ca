import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { ENTITY } from './entities.js';
import { conditionalPut } from './operations.js';

/** A send interrupted this long ago (a crashed consumer) may be tried again. */
const SENDING_TIMEOUT_MS = 5 * 60 * 1000;
/** Delivery markers outlive the stream's 24-hour retention many times over, then expire. */
const MARKER_TTL_S = 30 * 24 * 60 * 60;

/**
 * Delivery markers: a message is claimed before it is sent and marked sent
 * after, so a stream record delivered again (Lambda retries, a replayed
 * batch) finds the marker and sends nothing. A send that fails releases its
 * claim so the retry can send.
 */
export class DeliveryRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  /**
   * `claimed` when this caller may send the message now; `sent` when it went
   * out already; `in_flight` when another consumer claimed it moments ago
   * (it may yet fail, so the caller should try again later, not drop it).
   */
  async claim(messageId: string, now: Date): Promise<'claimed' | 'sent' | 'in_flight'> {
    // A conditionalPut, so a claim DynamoDB applied but answered with a 500 is still this caller's.
    const claim = await conditionalPut(this.store, {
      Item: {
        ...keys.delivery(messageId),
        entity: ENTITY.delivery,
        state: 'sending',
        claimedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_S,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR (#state = :sending AND claimedAt < :stale)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':sending': 'sending',
        ':stale': new Date(now.getTime() - SENDING_TIMEOUT_MS).toISOString(),
      },
    });
    if (claim.written) return 'claimed';
    return claim.existing?.state === 'sent' ? 'sent' : 'in_flight';
  }

  /** Marks the message done; `outcome` records why nothing went out when nothing did (no address, a refused number). */
  async markSent(messageId: string, now: Date, outcome = 'sent'): Promise<void> {
    await this.store.client.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.delivery(messageId),
        UpdateExpression: 'SET #state = :sent, sentAt = :at, outcome = :outcome',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': now.toISOString(), ':outcome': outcome },
      }),
    );
  }

  async release(messageId: string): Promise<void> {
    await this.store.client.send(new DeleteCommand({ TableName: this.store.tableName, Key: keys.delivery(messageId) }));
  }
}
