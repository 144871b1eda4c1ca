import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { StaffProfile } from '../domain/roster.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { getItem, queryAll, transact, withoutStorageAttributes } from './operations.js';
import { RosterConflict } from '../domain/conflicts.js';
import { ENTITY } from './entities.js';

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

  /** The province whose roster holds `staffId`, if any (a staff id is on one province's roster only). */
  async provinceOf(staffId: string): Promise<string | undefined> {
    const item = await getItem(this.store, keys.staffHome(staffId), true);
    return item ? (item.provinceCode as string) : undefined;
  }

  /**
   * Writes a profile and claims its staff id for the profile's province, in
   * one transaction; `activeCases` is kept as it is unless the entry is new
   * (it moves only with claims). Refused with `RosterConflict` if the entry
   * changed meanwhile ('entry') or the id is another province's ('province').
   */
  async put(profile: StaffProfile, expected: { exists: boolean; activeCases: number }): Promise<void> {
    const provinceCode = profile.unionPath[0]!;
    try {
      await transact(this.store, [
        {
          Put: {
            TableName: this.store.tableName,
            Item: {
              ...keys.staff(provinceCode, profile.staffId),
              entity: ENTITY.staff,
              ...profile,
              activeCases: expected.activeCases,
            },
            ConditionExpression: expected.exists ? 'activeCases = :active' : 'attribute_not_exists(PK)',
            ...(expected.exists ? { ExpressionAttributeValues: { ':active': expected.activeCases } } : {}),
          },
        },
        {
          Put: {
            TableName: this.store.tableName,
            Item: { ...keys.staffHome(profile.staffId), entity: ENTITY.staffHome, staffId: profile.staffId, provinceCode },
            ConditionExpression: 'attribute_not_exists(PK) OR provinceCode = :province',
            ExpressionAttributeValues: { ':province': provinceCode },
          },
        },
      ]);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new RosterConflict('province');
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new RosterConflict('entry');
      throw error;
    }
  }
}
