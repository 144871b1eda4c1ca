import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffProfile } from '../domain/roster.js';
import { recordCapacity } from './capacity.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { getItem, queryAll, withoutStorageAttributes } from './operations.js';

const toProfile = (item: Record<string, unknown>) => withoutStorageAttributes<StaffProfile>(item);

/** The roster: one partition per province (see keys.staff). */
export class StaffRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  async get(provinceCode: string, staffId: string): Promise<StaffProfile | undefined> {
    const item = await getItem(this.store, keys.staff(provinceCode, staffId), true);
    return item ? toProfile(item) : undefined;
  }

  /** Everyone on the province's roster; callers narrow it to a subtree. */
  async listProvince(provinceCode: string): Promise<StaffProfile[]> {
    const items = await queryAll(this.store, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.staff(provinceCode, '').PK, ':prefix': keys.rosterPrefix },
    });
    return items.map(toProfile);
  }

  /** Writes a profile; `activeCases` is kept as it is unless the entry is new (it moves only with claims). */
  async put(profile: StaffProfile, expected: { exists: boolean; activeCases: number }): Promise<void> {
    const result = await this.store.client.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: {
          ...keys.staff(profile.unionPath[0]!, profile.staffId),
          entity: 'staff',
          ...profile,
          activeCases: expected.activeCases,
        },
        ConditionExpression: expected.exists ? 'activeCases = :active' : 'attribute_not_exists(PK)',
        ...(expected.exists ? { ExpressionAttributeValues: { ':active': expected.activeCases } } : {}),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    recordCapacity(result.ConsumedCapacity);
  }

  /**
   * Transaction item: one more active case, only while active and within
   * capacity, unless a legal department overrides capacity (`beyondCapacity`).
   */
  takeCase(profile: StaffProfile, { beyondCapacity = false } = {}) {
    return {
      Update: {
        TableName: this.store.tableName,
        Key: keys.staff(profile.unionPath[0]!, profile.staffId),
        UpdateExpression: 'ADD activeCases :one',
        ConditionExpression: beyondCapacity ? 'active = :true' : 'active = :true AND activeCases < #capacity',
        // `capacity` is a DynamoDB reserved word.
        ...(beyondCapacity ? {} : { ExpressionAttributeNames: { '#capacity': 'capacity' } }),
        ExpressionAttributeValues: { ':one': 1, ':true': true },
      },
    };
  }

  /** Transaction item: one active case fewer. */
  giveUpCase(provinceCode: string, staffId: string) {
    return {
      Update: {
        TableName: this.store.tableName,
        Key: keys.staff(provinceCode, staffId),
        UpdateExpression: 'ADD activeCases :minusOne',
        ConditionExpression: 'activeCases > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      },
    };
  }
}
