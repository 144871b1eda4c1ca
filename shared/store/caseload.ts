import type { CaseloadChange } from '../domain/records.js';
import type { StoreContext } from './client.js';
import { keys } from './keys.js';
import type { TransactItems } from './operations.js';

/** The staff member whose counter a caseload change moves. */
export function staffIdOf(change: CaseloadChange): string {
  return 'take' in change ? change.take.staffId : change.giveUp.staffId;
}

/**
 * The transaction item of a caseload change. Taking a case adds one active
 * case only while the entry is active, still in the union it was read in
 * (whose area decided that they may see the case), and within capacity
 * unless a legal department overrides capacity (`beyondCapacity`). Giving
 * one up takes one away, never below zero.
 */
export function caseloadItem(store: StoreContext, change: CaseloadChange): TransactItems[number] {
  if ('giveUp' in change) {
    return {
      Update: {
        TableName: store.tableName,
        Key: keys.staff(change.giveUp.provinceCode, change.giveUp.staffId),
        UpdateExpression: 'ADD activeCases :minusOne',
        ConditionExpression: 'activeCases > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      },
    };
  }
  const { take: profile, beyondCapacity = false } = change;
  const stillThere = 'active = :true AND unionCode = :union';
  return {
    Update: {
      TableName: store.tableName,
      Key: keys.staff(profile.unionPath[0]!, profile.staffId),
      UpdateExpression: 'ADD activeCases :one',
      ConditionExpression: beyondCapacity ? stillThere : `${stillThere} AND activeCases < #capacity`,
      // `capacity` is a DynamoDB reserved word.
      ...(beyondCapacity ? {} : { ExpressionAttributeNames: { '#capacity': 'capacity' } }),
      ExpressionAttributeValues: { ':one': 1, ':true': true, ':union': profile.unionCode },
    },
  };
}
