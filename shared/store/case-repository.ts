import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, ContactDetails, TimelineEvent } from '../domain/cases.js';
import type { RegistrationPlan } from '../domain/registration.js';
import { nextDueAt, overdueSince } from '../domain/deadlines.js';
import type { OutboxMessage } from '../domain/notifications.js';
import type { Transition } from '../domain/transition.js';
import { defaultStore, type StoreContext } from './client.js';
import {
  dueIndexAttributes,
  keys,
  listIndexAttributes,
  listIndexFor,
  listSortKey,
  poolIndexAttributes,
  poolKey,
} from './keys.js';
import { figureUpdates } from './monthly-figures.js';
import {
  batchGetAll,
  eventItem,
  getItem,
  putNew,
  queryAll,
  queryPage,
  retryingLockTimeouts,
  transact,
  withoutStorageAttributes,
  type TransactItems,
} from './operations.js';
import { IdempotencyKeyTaken, TransitionConflict } from '../domain/conflicts.js';
import type { CaseListQuery, CaseLookupRow, CasePage, CaseloadChange, IdempotencyMarker } from '../domain/records.js';
import { caseloadItem, staffIdOf } from './caseload.js';
import { ENTITY } from './entities.js';

/** Upper bound of index pages read to fill one filtered list page, so one request stays cheap. */
const MAX_PAGES_PER_LIST = 10;

export class CaseRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  /**
   * Writes a new case with the next case number of its union for the day.
   *
   * The number is taken first, by an atomic increment of the day's counter:
   * that never contends, so a burst of filings in one union (a collective
   * dispute: dozens of workers of one factory at once) all succeed at once.
   * Then case, contact details, case-number reservation, first events, outbox
   * and idempotency marker are one transaction: either the case exists with
   * its number and timeline, or nothing of it was written. If that
   * transaction fails after the number was taken, the number is recorded as
   * void, so a gap in a union's numbers is always explained.
   */
  async register(unionCode: string, localDate: string, build: (sequence: number) => RegistrationPlan): Promise<RegistrationPlan> {
    const sequence = await this.takeNextNumber(unionCode, localDate);
    const plan = build(sequence);
    try {
      await transact(this.store, this.registrationItems(plan));
      return plan;
    } catch (error) {
      await this.voidNumber(plan.caseRecord.caseNumber, error);
      const taken = takenIdempotencyKey(error);
      if (taken) throw new IdempotencyKeyTaken(taken);
      throw error;
    }
  }

  private async takeNextNumber(unionCode: string, localDate: string): Promise<number> {
    // Every registration of a union's day increments this one item, so on DynamoDB Local a burst queues on its lock.
    const result = await retryingLockTimeouts(() =>
      this.store.client.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.caseSequence(unionCode, localDate),
          UpdateExpression: 'ADD #last :one',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return result.Attributes!.last as number;
  }

  /** Best effort: marks a taken number as void so the gap it leaves is explained. */
  private async voidNumber(caseNumber: string, cause: unknown): Promise<void> {
    try {
      await this.store.client.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: {
            ...keys.caseNumber(caseNumber),
            entity: ENTITY.voidedCaseNumber,
            reason: cause instanceof Error ? cause.name : 'unknown',
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch {
      // The original failure is what the caller needs to hear about.
    }
  }

  /**
   * The registration transaction. The idempotency marker, when there is one,
   * goes last so a failed condition on it can be found by position.
   */
  private registrationItems(plan: RegistrationPlan): TransactItems {
    const { caseRecord, contact } = plan;
    return [
      putNew(this.store, { ...keys.case(caseRecord.caseId), ...this.caseAttributes(caseRecord) }),
      putNew(this.store, { ...keys.contact(contact.caseId), entity: ENTITY.contact, ...contact }),
      putNew(this.store, {
        ...keys.caseNumber(caseRecord.caseNumber),
        entity: ENTITY.caseNumber,
        caseId: caseRecord.caseId,
        ...(plan.accessCodeHash ? { accessCodeHash: plan.accessCodeHash } : {}),
      }),
      ...plan.events.map((event) => putNew(this.store, eventItem(event))),
      ...this.outboxItems(plan.outbox),
      ...figureUpdates(this.store, undefined, caseRecord),
      ...(plan.idempotency
        ? [
            {
              Put: {
                ...putNew(this.store, {
                  ...keys.idempotencyMarker(plan.idempotency.keyHash),
                  entity: ENTITY.idempotencyMarker,
                  caseId: caseRecord.caseId,
                  caseNumber: caseRecord.caseNumber,
                  payloadHash: plan.idempotency.payloadHash,
                }).Put,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            },
          ]
        : []),
    ];
  }

  /** A case; `consistent` to be sure to see the latest write (after losing a race to it). */
  async get(caseId: string, { consistent = false } = {}): Promise<CaseRecord | undefined> {
    const item = await getItem(this.store, keys.case(caseId), consistent);
    return item ? withoutStorageAttributes<CaseRecord>(item) : undefined;
  }

  /** The permanent record of a registration's Idempotency-Key, if that key already created a case (strongly consistent). */
  async idempotencyMarker(keyHash: string): Promise<IdempotencyMarker | undefined> {
    const item = await getItem(this.store, keys.idempotencyMarker(keyHash), true);
    return item
      ? { caseId: item.caseId as string, caseNumber: item.caseNumber as string, payloadHash: item.payloadHash as string }
      : undefined;
  }

  async getContact(caseId: string): Promise<ContactDetails | undefined> {
    const item = await getItem(this.store, keys.contact(caseId));
    return item ? withoutStorageAttributes<ContactDetails>(item) : undefined;
  }

  /** Every event of a case, oldest first. */
  async timeline(caseId: string): Promise<TimelineEvent[]> {
    const items = await queryAll(this.store, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':prefix': keys.eventPrefix },
    });
    return items.map((item) => withoutStorageAttributes<TimelineEvent>(item));
  }

  /**
   * One page of a union subtree's cases, newest first, from the list index of
   * the union's level. Filters other than the month are applied by DynamoDB
   * after reading, so a sparse filter may read several index pages (bounded).
   */
  async list(query: CaseListQuery): Promise<CasePage> {
    const { indexName, partitionAttribute } = listIndexFor(query.level);
    const filters: string[] = [];
    const names: Record<string, string> = { '#union': partitionAttribute };
    const values: Record<string, unknown> = { ':union': query.unionCode };
    for (const field of ['status', 'category', 'kind'] as const) {
      const wanted = query[field];
      if (wanted === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = wanted;
      filters.push(`#${field} = :${field}`);
    }
    if (query.overdueOnly) filters.push('attribute_exists(overdueAt)');
    let keyCondition = '#union = :union';
    if (query.month) {
      keyCondition += ' AND begins_with(#sk, :month)';
      names['#sk'] = 'listSk';
      values[':month'] = query.month;
    }

    const items: CaseRecord[] = [];
    let startKey = query.after ? this.listStartKey(partitionAttribute, query.unionCode, query.after) : undefined;
    for (let pages = 0; pages < MAX_PAGES_PER_LIST && items.length < query.limit; pages++) {
      const page = await queryPage(this.store, {
        IndexName: indexName,
        KeyConditionExpression: keyCondition,
        FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: query.limit - items.length,
        ExclusiveStartKey: startKey,
      });
      items.push(...(page.Items ?? []).map((item) => withoutStorageAttributes<CaseRecord>(item)));
      startKey = page.LastEvaluatedKey;
      if (!startKey) return { items };
    }
    const last = startKey?.listSk as string | undefined;
    return last ? { items, next: last } : { items };
  }

  /**
   * The one writer of a case item once registered: staff actions, the sweeper
   * and the complainant's supplements and rating all come here, so every
   * change moves the version and none can be written over by another
   * computed from an older read.
   *
   * Moves a case to its next state, in one transaction with the transition's
   * events and messages, the monthly figures it moves, and the staff
   * caseloads it changes. The case is replaced only if it still has the
   * version the transition was computed from, so of two people acting at once
   * exactly one wins; the other gets a TransitionConflict saying whether the
   * case or whose caseload stood in the way.
   */
  async saveTransition(previous: CaseRecord, transition: Transition, caseload: readonly CaseloadChange[] = []): Promise<void> {
    const { next, events, outbox } = transition;
    const items: TransactItems = [
      {
        Put: {
          TableName: this.store.tableName,
          Item: { ...keys.case(next.caseId), ...this.caseAttributes(next) },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': previous.version },
        },
      },
      // Right after the case, in order: a failed condition at position i + 1 is caseload[i]'s.
      ...caseload.map((change) => caseloadItem(this.store, change)),
      ...events.map((event) => putNew(this.store, eventItem(event))),
      ...this.outboxItems(outbox),
      ...figureUpdates(this.store, previous, next),
    ];
    try {
      await transact(this.store, items);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed === -1) throw error;
      const change = caseload[failed - 1];
      throw new TransitionConflict(change ? { on: 'caseload', staffId: staffIdOf(change) } : { on: 'case' });
    }
  }

  private outboxItems(outbox: readonly OutboxMessage[] = []): TransactItems {
    return outbox.map((message) =>
      putNew(this.store, {
        ...keys.outbox(message.caseId, message.createdAt, message.messageId),
        entity: ENTITY.outbox,
        ...message,
      }),
    );
  }

  /** Appends an event on its own (an access record such as contact_viewed). */
  async appendEvent(event: TimelineEvent): Promise<void> {
    await transact(this.store, [putNew(this.store, eventItem(event))]);
  }

  /** A union's claimable cases in one pool, most urgent first, then oldest first. */
  async pool(unionCode: string, pool: string, limit: number): Promise<CaseRecord[]> {
    const page = await queryPage(this.store, {
      IndexName: 'casesInPool',
      KeyConditionExpression: 'poolKey = :pool',
      ExpressionAttributeValues: { ':pool': poolKey(unionCode, pool) },
      Limit: limit,
    });
    return (page.Items ?? []).map((item) => withoutStorageAttributes<CaseRecord>(item));
  }

  /**
   * Ids of a province's cases with a clock due at or before `now`, earliest
   * first, one page at a time (from the sparse due-time index; no Scan).
   */
  async dueCases(provinceCode: string, now: string, limit: number, after?: Record<string, unknown>) {
    const page = await queryPage(this.store, {
      IndexName: 'casesByDueTime',
      KeyConditionExpression: 'dueProvince = :province AND dueSk <= :bound',
      // `~` sorts after every character of a case id, so a case due exactly now is included.
      ExpressionAttributeValues: { ':province': provinceCode, ':bound': `${now}#~` },
      Limit: limit,
      ExclusiveStartKey: after,
    });
    return { caseIds: (page.Items ?? []).map((item) => item.caseId as string), next: page.LastEvaluatedKey };
  }

  /** Transfers awaiting this union's answer, newest first. */
  async incomingTransfers(unionCode: string): Promise<CaseRecord[]> {
    const items = await queryAll(this.store, {
      IndexName: 'transfersByTarget',
      KeyConditionExpression: 'transferTarget = :union',
      ExpressionAttributeValues: { ':union': unionCode },
      ScanIndexForward: false,
    });
    return items.map((item) => withoutStorageAttributes<CaseRecord>(item));
  }

  /** Earlier cases of a caller, newest first (projected summary attributes only). */
  async findByPhoneHash(phoneHash: string, limit = 50): Promise<CaseLookupRow[]> {
    const result = await queryPage(this.store, {
      IndexName: 'casesByPhoneHash',
      KeyConditionExpression: 'phoneHash = :hash',
      ExpressionAttributeValues: { ':hash': phoneHash },
      ScanIndexForward: false,
      Limit: limit,
    });
    return (result.Items ?? []).map((item) => withoutStorageAttributes<CaseLookupRow>(item));
  }

  private caseAttributes(caseRecord: CaseRecord): Record<string, unknown> {
    return {
      entity: ENTITY.case,
      ...caseRecord,
      ...listIndexAttributes(caseRecord.unionPath),
      listSk: listSortKey(caseRecord.registeredAt, caseRecord.caseId),
      ...poolIndexAttributes(caseRecord),
      ...(caseRecord.transfer ? { transferTarget: caseRecord.transfer.toUnion } : {}),
      ...dueIndexAttributes(caseRecord, nextDueAt(caseRecord.deadlines)),
      // A clock met late counts as overdue even if no sweep saw it run out (the `?overdue=true` list filters on this).
      ...overdueAttribute(caseRecord),
    };
  }

  /** Rebuilds the index's ExclusiveStartKey from a list sort key (`<localTime>#<caseId>`). */
  private listStartKey(partitionAttribute: string, unionCode: string, listSk: string): Record<string, unknown> {
    const caseId = listSk.slice(listSk.lastIndexOf('#') + 1);
    return { [partitionAttribute]: unionCode, listSk, ...keys.case(caseId) };
  }

  /**
   * Every case that contributes to one of `unionCodes`' figures of `month`
   * (`YYYY-MM`, China time), from the activity index the case transactions
   * keep (see monthly-figures.ts), a page at a time, each case once even if
   * several of the unions list it (a transfer within them), read strongly
   * consistent. For the reconciliation, which runs offline: its cost is the
   * month's active cases, not every case ever registered. May include a case
   * that no longer contributes there (reopened, transferred away).
   */
  async *casesActiveIn(unionCodes: readonly string[], month: string): AsyncGenerator<CaseRecord[]> {
    const seen = new Set<string>();
    for (const unionCode of unionCodes) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await queryPage(this.store, {
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.caseActivity(unionCode, month, '').PK },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        });
        startKey = page.LastEvaluatedKey;
        const caseIds = (page.Items ?? []).map((item) => item.caseId as string).filter((caseId) => !seen.has(caseId));
        if (caseIds.length === 0) continue;
        for (const caseId of caseIds) seen.add(caseId);
        const items = await batchGetAll(
          this.store,
          caseIds.map((caseId) => keys.case(caseId)),
          true,
        );
        yield items.map((item) => withoutStorageAttributes<CaseRecord>(item));
      } while (startKey);
    }
  }
}

/** The marker the transaction collided with, if its last item (the marker) failed its condition. */
function takenIdempotencyKey(error: unknown): IdempotencyMarker | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reason = error.CancellationReasons?.at(-1);
  const item = reason?.Code === 'ConditionalCheckFailed' ? reason.Item : undefined;
  if (item?.entity?.S !== ENTITY.idempotencyMarker) return undefined;
  return { caseId: item.caseId!.S!, caseNumber: item.caseNumber!.S!, payloadHash: item.payloadHash!.S! };
}

function overdueAttribute(caseRecord: CaseRecord): { overdueAt?: string } {
  const overdueAt = caseRecord.overdueAt ?? overdueSince(caseRecord.deadlines);
  return overdueAt ? { overdueAt } : {};
}
