import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, ContactDetails, RegistrationPlan, TimelineEvent } from '../domain/cases.js';
import { AppError } from '../domain/errors.js';
import type { DivisionLevel } from '../domain/identifiers.js';
import type { CaseStatus, Category, RequestKind } from '../domain/vocabulary.js';
import { recordCapacity } from './capacity.js';
import { defaultStore, type StoreContext } from './client.js';
import { keys, listIndexAttributes, listIndexFor, listSortKey } from './keys.js';
import { getItem, queryAll, queryPage } from './operations.js';

/** Attributes that exist only for keys and indexes; stripped before the domain sees an item. */
const STORAGE_ATTRIBUTES = ['PK', 'SK', 'l1Union', 'l2Union', 'l3Union', 'listSk', 'entity'] as const;

function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/**
 * How many times registration re-reads the day's counter when another
 * registration in the same union took the number first. Each round of
 * contention has one winner, so N simultaneous registrations in one union
 * need up to N rounds; 30 covers a burst far beyond a district hotline's
 * busiest minute, and jittered back-off spreads the rounds out.
 */
const MAX_NUMBERING_ATTEMPTS = 30;

export interface CaseListQuery {
  readonly unionCode: string;
  readonly level: DivisionLevel;
  readonly status?: CaseStatus;
  readonly category?: Category;
  readonly kind?: RequestKind;
  /** `YYYY-MM`, China time. */
  readonly month?: string;
  readonly limit: number;
  /** Sort key of the last case on the previous page. */
  readonly after?: string;
}

export interface CasePage {
  readonly items: CaseRecord[];
  /** Sort key to continue from, absent on the last page. */
  readonly next?: string;
}

/** A summary row of the caller look-up index (only the projected attributes). */
export type CaseLookupRow = Pick<
  CaseRecord,
  'caseId' | 'caseNumber' | 'unionCode' | 'unionPath' | 'kind' | 'channel' | 'category' | 'status' | 'registeredAt' | 'outcome'
>;

/** Upper bound of index pages read to fill one filtered list page, so one request stays cheap. */
const MAX_PAGES_PER_LIST = 10;

export class CaseRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  /**
   * Writes a new case with the next case number of its union for the day.
   * Counter, case, contact details, case-number reservation and first events
   * are one transaction: either the case exists with its number and timeline,
   * or nothing was written. Numbers are gapless: the counter only moves when
   * the case is written, and a concurrent registration that took the number
   * first makes this one re-read the counter and try the next.
   */
  async register(unionCode: string, localDate: string, build: (sequence: number) => RegistrationPlan): Promise<RegistrationPlan> {
    const counterKey = keys.caseSequence(unionCode, localDate);
    let last = await this.lastSequence(counterKey);
    for (let attempt = 1; attempt <= MAX_NUMBERING_ATTEMPTS; attempt++) {
      const plan = build(last + 1);
      try {
        const result = await this.store.client.send(
          new TransactWriteCommand({
            ReturnConsumedCapacity: 'TOTAL',
            TransactItems: [
              {
                Update: {
                  TableName: this.store.tableName,
                  Key: counterKey,
                  UpdateExpression: 'SET #last = :next',
                  ConditionExpression: last === 0 ? 'attribute_not_exists(PK)' : '#last = :last',
                  ExpressionAttributeNames: { '#last': 'last' },
                  ExpressionAttributeValues: last === 0 ? { ':next': 1 } : { ':next': last + 1, ':last': last },
                  // A lost race reports the winner's counter, saving a re-read.
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              this.putNew({ ...keys.case(plan.caseRecord.caseId), ...this.caseAttributes(plan.caseRecord) }),
              this.putNew({ ...keys.contact(plan.contact.caseId), entity: 'contact', ...plan.contact }),
              this.putNew({
                ...keys.caseNumber(plan.caseRecord.caseNumber),
                entity: 'caseNumber',
                caseId: plan.caseRecord.caseId,
              }),
              ...plan.events.map((event) => this.putNew(this.eventItem(event))),
            ],
          }),
        );
        recordCapacity(result.ConsumedCapacity);
        return plan;
      } catch (error) {
        const race = lostNumberRace(error);
        if (!race) throw error;
        last = race.winnerLast ?? (await this.lastSequence(counterKey));
        await backOff(attempt);
      }
    }
    throw new AppError('BUSY', 'Too many registrations at once in this union; please retry.');
  }

  private async lastSequence(counterKey: Record<string, string>): Promise<number> {
    const counter = await getItem(this.store, counterKey, true);
    return (counter?.last as number | undefined) ?? 0;
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const item = await getItem(this.store, keys.case(caseId));
    return item ? withoutStorageAttributes<CaseRecord>(item) : undefined;
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
      entity: 'case',
      ...caseRecord,
      ...listIndexAttributes(caseRecord.unionPath),
      listSk: listSortKey(caseRecord.registeredAt, caseRecord.caseId),
    };
  }

  private eventItem(event: TimelineEvent): Record<string, unknown> {
    return { ...keys.event(event.caseId, event.at, event.seq), entity: 'event', ...event };
  }

  /** Puts an item that must not exist yet: ids, numbers and events are never overwritten. */
  private putNew(item: Record<string, unknown>) {
    return { Put: { TableName: this.store.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Rebuilds the index's ExclusiveStartKey from a list sort key (`<localTime>#<caseId>`). */
  private listStartKey(partitionAttribute: string, unionCode: string, listSk: string): Record<string, unknown> {
    const caseId = listSk.slice(listSk.lastIndexOf('#') + 1);
    return { [partitionAttribute]: unionCode, listSk, ...keys.case(caseId) };
  }
}

/**
 * Whether the transaction lost the day's counter to a concurrent registration
 * (or collided with one), and if the winner's counter came back, its value.
 */
function lostNumberRace(error: unknown): { winnerLast?: number } | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const [counterReason, ...others] = error.CancellationReasons ?? [];
  if (counterReason?.Code === 'ConditionalCheckFailed') {
    const winnerLast = counterReason.Item?.last?.N;
    return winnerLast === undefined ? {} : { winnerLast: Number(winnerLast) };
  }
  const collided = [counterReason, ...others].some((reason) => reason?.Code === 'TransactionConflict');
  return collided ? {} : undefined;
}

function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 5 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
