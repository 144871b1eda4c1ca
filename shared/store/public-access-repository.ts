import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { getItem, putIf, updateIf } from './operations.js';
import type { Admission, AttemptGuard, AttemptPolicy, CaseNumberEntry, IdempotencyMarker } from '../domain/records.js';
import { ENTITY } from './entities.js';

/** Rounds of "count in the running window, else start a new one" before an attempt is refused as contended. */
const ADMISSION_ROUNDS = 3;

const toSeconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * Storage for what complainants do without an account: the case-number
 * reservation (which holds the access code's hash), the guards that count
 * access-code attempts, and Idempotency-Key markers. Kept apart from
 * CaseRepository so staff functions do not bundle it. The case item itself is
 * not written here: supplements and feedback are transitions, saved by
 * CaseRepository.saveTransition like every other change of a case.
 *
 * A case-number guard is kept per case-number *string*, whether or not such a
 * case exists, so that being refused cannot reveal which numbers are real. A
 * client guard holds the source address for two windows at most (TTL).
 */
export class PublicAccessRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  async findCaseNumber(caseNumber: string): Promise<CaseNumberEntry | undefined> {
    const item = await getItem(this.store, keys.caseNumber(caseNumber));
    if (!item || item.entity !== 'caseNumber') return undefined;
    return { caseId: item.caseId as string, ...(item.accessCodeHash ? { accessCodeHash: item.accessCodeHash as string } : {}) };
  }

  async replaceAccessCode(caseNumber: string, accessCodeHash: string): Promise<void> {
    await this.store.client.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.caseNumber(caseNumber),
        UpdateExpression: 'SET accessCodeHash = :hash',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':hash': accessCodeHash },
      }),
    );
  }

  /**
   * Counts one attempt against a guard and says whether it may go ahead: in
   * the running window, one conditional increment both counts and checks the
   * limit, so however many attempts arrive at once no more than the limit are
   * admitted. When there is no running window, a conditional put starts one;
   * if another attempt started it first, the next round counts in it. Guards
   * expire through the table's TTL.
   */
  async admitAttempt(guard: AttemptGuard, now: number, policy: AttemptPolicy): Promise<Admission> {
    const key = guardKey(guard);
    const windowFloor = now - policy.windowMs;
    for (let round = 0; round < ADMISSION_ROUNDS; round++) {
      try {
        const result = await this.store.client.send(
          new UpdateCommand({
            TableName: this.store.tableName,
            Key: key,
            UpdateExpression: 'ADD attempts :one',
            ConditionExpression: 'windowStartedAt > :windowFloor AND attempts < :limit',
            ExpressionAttributeValues: { ':one': 1, ':windowFloor': windowFloor, ':limit': policy.limit },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { admitted: true, windowStartedAt: result.Attributes!.windowStartedAt as number };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const started = Number(error.Item?.windowStartedAt?.N ?? Number.NaN);
        // The window is running and full.
        if (started > windowFloor) return { admitted: false, retryAt: started + policy.windowMs };
      }
      const started = await putIf(this.store, {
        Item: {
          ...key,
          entity: ENTITY.attemptGuard,
          attempts: 1,
          windowStartedAt: now,
          expiresAt: toSeconds(now + 2 * policy.windowMs),
        },
        ConditionExpression: 'attribute_not_exists(PK) OR windowStartedAt <= :windowFloor',
        ExpressionAttributeValues: { ':windowFloor': windowFloor },
      });
      if (started) return { admitted: true, windowStartedAt: now };
    }
    return { admitted: false, retryAt: now + 1000 };
  }

  /** Takes back an admitted attempt (its code was right), if its window still runs. */
  async refundAttempt(guard: AttemptGuard, windowStartedAt: number): Promise<void> {
    // False when a new window began meanwhile: there is nothing of this attempt left to take back.
    await updateIf(this.store, {
      Key: guardKey(guard),
      UpdateExpression: 'ADD attempts :minusOne',
      ConditionExpression: 'windowStartedAt = :started AND attempts > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':started': windowStartedAt, ':zero': 0 },
    });
  }

  /** Looks up the permanent marker of an Idempotency-Key (by its hash). */
  async idempotencyMarker(keyHash: string): Promise<IdempotencyMarker | undefined> {
    const item = await getItem(this.store, keys.idempotencyMarker(keyHash), true);
    return item
      ? { caseId: item.caseId as string, caseNumber: item.caseNumber as string, payloadHash: item.payloadHash as string }
      : undefined;
  }
}

function guardKey(guard: AttemptGuard) {
  return 'client' in guard ? keys.clientGuard(guard.client) : keys.publicGuard(guard.caseNumber);
}
