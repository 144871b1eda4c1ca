import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { recordCapacity } from './capacity.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys } from './keys.js';
import { figureUpdates } from './monthly-figures.js';
import type { CaseRecord, TimelineEvent } from '../domain/cases.js';
import type { IdempotencyMarker } from './case-repository.js';
import { eventItem, getItem, putNew, transactUnlessFirstConditionFails } from './operations.js';

export interface CaseNumberEntry {
  readonly caseId: string;
  readonly accessCodeHash?: string;
}

/** Wrong access codes recently tried against one case number. */
export interface GuardState {
  readonly failures: number;
  readonly windowStartedAt: number;
  readonly lockedUntil?: number;
}

const toSeconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * Storage for what complainants do without an account: the case-number
 * reservation (which holds the access code's hash), the guard that counts
 * wrong codes, Idempotency-Key markers, supplements and feedback. Kept apart
 * from CaseRepository so staff functions do not bundle it. The guard is kept per case-number *string*, whether or not
 * such a case exists, so that locking out cannot reveal which numbers are
 * real. Guards expire through the table's TTL.
 */
export class PublicAccessRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  async findCaseNumber(caseNumber: string): Promise<CaseNumberEntry | undefined> {
    const item = await getItem(this.store, keys.caseNumber(caseNumber));
    if (!item || item.entity !== 'caseNumber') return undefined;
    return { caseId: item.caseId as string, ...(item.accessCodeHash ? { accessCodeHash: item.accessCodeHash as string } : {}) };
  }

  async replaceAccessCode(caseNumber: string, accessCodeHash: string): Promise<void> {
    const result = await this.store.client.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.caseNumber(caseNumber),
        UpdateExpression: 'SET accessCodeHash = :hash',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':hash': accessCodeHash },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    recordCapacity(result.ConsumedCapacity);
  }

  async guard(caseNumber: string): Promise<GuardState | undefined> {
    const item = await getItem(this.store, keys.publicGuard(caseNumber), true);
    if (!item) return undefined;
    return {
      failures: item.failures as number,
      windowStartedAt: item.windowStartedAt as number,
      ...(item.lockedUntil ? { lockedUntil: item.lockedUntil as number } : {}),
    };
  }

  /**
   * Counts a wrong code within the current window (a fresh window once the
   * last one is over), and locks the number when the count reaches the limit.
   * Atomic per attempt, so concurrent guesses are all counted.
   */
  async recordFailure(caseNumber: string, now: number, policy: { maxFailures: number; windowMs: number }): Promise<GuardState> {
    const key = keys.publicGuard(caseNumber);
    let state: GuardState;
    try {
      const result = await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: key,
          UpdateExpression: 'SET windowStartedAt = if_not_exists(windowStartedAt, :now), expiresAt = :expires ADD failures :one',
          ConditionExpression: 'attribute_not_exists(windowStartedAt) OR windowStartedAt > :windowFloor',
          ExpressionAttributeValues: {
            ':now': now,
            ':one': 1,
            ':windowFloor': now - policy.windowMs,
            ':expires': toSeconds(now + 2 * policy.windowMs),
          },
          ReturnValues: 'ALL_NEW',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordCapacity(result.ConsumedCapacity);
      state = result.Attributes as unknown as GuardState;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The previous window is over: this failure starts a new one.
      state = { failures: 1, windowStartedAt: now };
      await this.store.client.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...key, ...state, expiresAt: toSeconds(now + 2 * policy.windowMs) },
        }),
      );
    }
    if (state.failures >= policy.maxFailures && !(state.lockedUntil && state.lockedUntil > now)) {
      const lockedUntil = now + policy.windowMs;
      await this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: key,
          UpdateExpression: 'SET lockedUntil = :until, expiresAt = :expires',
          ExpressionAttributeValues: { ':until': lockedUntil, ':expires': toSeconds(lockedUntil + policy.windowMs) },
        }),
      );
      return { ...state, lockedUntil };
    }
    return state;
  }

  /** A correct code clears earlier mistakes. */
  async clearGuard(caseNumber: string): Promise<void> {
    await this.store.client.send(new DeleteCommand({ TableName: this.store.tableName, Key: keys.publicGuard(caseNumber) }));
  }

  /** Looks up the permanent marker of an Idempotency-Key (by its hash). */
  async idempotencyMarker(keyHash: string): Promise<IdempotencyMarker | undefined> {
    const item = await getItem(this.store, keys.idempotencyMarker(keyHash), true);
    return item
      ? { caseId: item.caseId as string, caseNumber: item.caseNumber as string, payloadHash: item.payloadHash as string }
      : undefined;
  }

  /**
   * Adds a complainant's supplement: the event and the case's supplement
   * count move together, and the count is capped so one access code cannot
   * flood a case's timeline. Returns false when the cap is reached.
   */
  async addSupplement(caseId: string, event: TimelineEvent, maxSupplements: number): Promise<boolean> {
    return transactUnlessFirstConditionFails(this.store, [
      {
        Update: {
          TableName: this.store.tableName,
          Key: keys.case(caseId),
          UpdateExpression: 'SET supplementCount = if_not_exists(supplementCount, :zero) + :one',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(supplementCount) OR supplementCount < :max)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': maxSupplements },
        },
      },
      putNew(this.store, eventItem(event)),
    ]);
  }

  /**
   * Records the complainant's rating once, only on a closed case, with its
   * timeline event and the union's monthly satisfaction figures, atomically.
   * Returns false when the case no longer qualifies or changed meanwhile
   * (rated, reopened, followed up), so the figures moved are always right.
   */
  async recordFeedback(
    caseRecord: CaseRecord,
    feedback: NonNullable<CaseRecord['feedback']>,
    event: TimelineEvent,
  ): Promise<boolean> {
    const rated: CaseRecord = { ...caseRecord, feedback, version: caseRecord.version + 1 };
    return transactUnlessFirstConditionFails(this.store, [
      {
        Update: {
          TableName: this.store.tableName,
          Key: keys.case(caseRecord.caseId),
          UpdateExpression: 'SET feedback = :feedback, version = :next',
          ConditionExpression: 'attribute_not_exists(feedback) AND #status IN (:closed, :followedUp) AND version = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':feedback': feedback,
            ':next': rated.version,
            ':expected': caseRecord.version,
            ':closed': 'closed',
            ':followedUp': 'followed_up',
          },
        },
      },
      putNew(this.store, eventItem(event)),
      ...figureUpdates(this.store, caseRecord, rated),
    ]);
  }
}
