import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EarlyWarningAlert, EmployerComplaint } from '../domain/early-warning.js';
import type { OutboxMessage } from '../domain/notifications.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { batchGetAll, getItem, putIf, queryPage, updateIf, withoutStorageAttributes } from './operations.js';
import type { AlertPointer, InboxEntry } from '../domain/records.js';
import { ENTITY } from './entities.js';

/** Complaints one alert lists at most; an employer past this is a matter for the labour inspectorate anyway. */
const MAX_COMPLAINTS_PER_ALERT = 200;

/**
 * Early-warning storage: each employer's complaints, its running alert, the
 * alerts themselves and each legal department's list of them. Every write
 * here is idempotent (the stream consumer may see a record twice).
 */
export class AlertRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  async recordComplaint(creditCode: string, complaint: EmployerComplaint): Promise<void> {
    await putIf(this.store, { Item: this.complaintItem(creditCode, complaint), ConditionExpression: 'attribute_not_exists(PK)' });
  }

  async moveComplaint(creditCode: string, complaint: EmployerComplaint): Promise<void> {
    await this.store.client.send(
      new PutCommand({ TableName: this.store.tableName, Item: this.complaintItem(creditCode, complaint) }),
    );
  }

  private complaintItem(creditCode: string, complaint: EmployerComplaint) {
    return {
      ...keys.employerComplaint(creditCode, complaint.registeredAt, complaint.caseId),
      entity: ENTITY.employerComplaint,
      ...complaint,
    };
  }

  /** The employer's complaints registered at or after `since`, oldest first. */
  async complaintsSince(creditCode: string, since: string): Promise<EmployerComplaint[]> {
    const page = await queryPage(this.store, {
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.employerAlert(creditCode).PK,
        ':from': `${keys.employerComplaintPrefix}${since}`,
        ':to': `${keys.employerComplaintPrefix}~`,
      },
      Limit: MAX_COMPLAINTS_PER_ALERT,
      // Strongly consistent: the complaint written just before must count itself.
      ConsistentRead: true,
    });
    return (page.Items ?? []).map((item) => withoutStorageAttributes<EmployerComplaint>(item));
  }

  async pointer(creditCode: string): Promise<AlertPointer | undefined> {
    const item = await getItem(this.store, keys.employerAlert(creditCode), true);
    return item ? withoutStorageAttributes<AlertPointer>(item) : undefined;
  }

  /**
   * Starts a new alert for the employer unless one is still running (its last
   * complaint inside the window): of two consumers racing, one starts it and
   * the other joins. Returns false when another alert is running.
   */
  async startAlert(creditCode: string, pointer: AlertPointer, runningSince: string): Promise<boolean> {
    return putIf(this.store, {
      Item: { ...keys.employerAlert(creditCode), entity: ENTITY.employerAlert, ...pointer },
      ConditionExpression: 'attribute_not_exists(PK) OR lastComplaintAt < :since',
      ExpressionAttributeValues: { ':since': runningSince },
    });
  }

  /** Writes the alert's content whole (recomputed each time, so a replay rewrites the same) and moves its pointer on. */
  async saveAlert(alert: EarlyWarningAlert): Promise<void> {
    // Consumers on other shards may save the same alert from an older, shorter read: the longer list wins.
    await putIf(this.store, {
      Item: { ...keys.alert(alert.alertId), entity: ENTITY.alert, ...alert, complaintCount: alert.complaints.length },
      ConditionExpression: 'attribute_not_exists(PK) OR complaintCount <= :count',
      ExpressionAttributeValues: { ':count': alert.complaints.length },
    });
    const last = alert.complaints.at(-1)?.registeredAt ?? alert.raisedAt;
    await updateIf(this.store, {
      Key: keys.employerAlert(alert.creditCode),
      UpdateExpression: 'SET lastComplaintAt = :last',
      ConditionExpression: 'alertId = :alertId AND lastComplaintAt < :last',
      ExpressionAttributeValues: { ':last': last, ':alertId': alert.alertId },
    });
  }

  /** Puts the alert in a legal department's list, once (a replay finds it there and changes nothing). */
  async addToInbox(unionCode: string, alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>): Promise<void> {
    await putIf(this.store, {
      Item: {
        ...keys.alertInbox(unionCode, alert.raisedAt, alert.alertId),
        entity: ENTITY.alertInbox,
        alertId: alert.alertId,
        raisedAt: alert.raisedAt,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  }

  /** A notice to a legal department, as an outbox message under the case that raised it (idempotent: fixed key). */
  async queueNotice(message: OutboxMessage): Promise<void> {
    await putIf(this.store, {
      Item: { ...keys.outbox(message.caseId, message.createdAt, message.messageId), entity: ENTITY.outbox, ...message },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  }

  /**
   * A page of a legal department's alerts, newest first, with their
   * acknowledgement; `after` is the list sort key (`raisedAt#alertId`) of the
   * previous page's last entry, `next` this page's when more may follow.
   */
  async inbox(unionCode: string, page: { limit: number; after?: string }): Promise<{ entries: InboxEntry[]; next?: string }> {
    const partition = keys.alertInboxPartition(unionCode);
    const result = await queryPage(this.store, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.after ? { ExclusiveStartKey: { PK: partition, SK: page.after } } : {}),
    });
    const items = result.Items ?? [];
    const last = result.LastEvaluatedKey ? items.at(-1) : undefined;
    return {
      entries: items.map((item) => withoutStorageAttributes<InboxEntry>(item)),
      ...(last ? { next: last.SK as string } : {}),
    };
  }

  /** Takes the alert out of a legal department's list: none of its cases is in that department's area any more. */
  async removeFromInbox(unionCode: string, alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>): Promise<void> {
    await this.store.client.send(
      new DeleteCommand({ TableName: this.store.tableName, Key: keys.alertInbox(unionCode, alert.raisedAt, alert.alertId) }),
    );
  }

  async get(alertId: string): Promise<EarlyWarningAlert | undefined> {
    const item = await getItem(this.store, keys.alert(alertId));
    return item ? withoutStorageAttributes<EarlyWarningAlert>(item) : undefined;
  }

  async getMany(alertIds: readonly string[]): Promise<EarlyWarningAlert[]> {
    const items = await batchGetAll(
      this.store,
      alertIds.map((alertId) => keys.alert(alertId)),
    );
    return items.map((item) => withoutStorageAttributes<EarlyWarningAlert>(item));
  }

  /** Records a department's acknowledgement; false when the alert is not in its list. */
  async acknowledge(
    unionCode: string,
    alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>,
    by: string,
    at: string,
  ): Promise<boolean> {
    return updateIf(this.store, {
      Key: keys.alertInbox(unionCode, alert.raisedAt, alert.alertId),
      UpdateExpression: 'SET acknowledgedAt = :at, acknowledgedBy = :by',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at, ':by': by },
    });
  }
}
