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
import type { CaseListQuery, CaseLookupRow, CasePage, CaseRow, CaseloadChange, IdempotencyMarker } from '../domain/records.js';
import { caseloadItem, staffIdOf } from './caseload.js';
import { caseFieldsOf, caseItemFields, caseRowOf } from './case-item.js';
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

  /**
   * A case, both its items read by one Query; `consistent` to be sure to see
   * the latest write (after losing a race to it).
   */
  async get(caseId: string, { consistent = false } = {}): Promise<CaseRecord | undefined> {
    const page = await queryPage(this.store, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :parts)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':parts': keys.casePartsPrefix },
      ConsistentRead: consistent,
    });
    const items = page.Items ?? [];
    const caseItem = items.find((item) => item.SK === keys.case(caseId).SK);
    return caseItem
      ? caseRecordOf(
          caseItem,
          items.find((item) => item.SK === keys.caseUnlisted(caseId).SK),
        )
      : undefined;
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
      filters.push(`#row.#${field} = :${field}`);
    }
    if (query.overdueOnly) filters.push('attribute_exists(#row.overdueAt)');
    // Filters read the index copy's row, the only case attributes it holds.
    if (filters.length > 0) names['#row'] = 'row';
    let keyCondition = '#union = :union';
    if (query.month) {
      keyCondition += ' AND begins_with(#sk, :month)';
      names['#sk'] = 'listSk';
      values[':month'] = query.month;
    }

    const items: CaseRow[] = [];
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
      items.push(...(page.Items ?? []).map(caseRowOf));
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
    const caseParts = this.casePartsItems(previous, next);
    const items: TransactItems = [
      ...caseParts.items,
      // Right after the case's two items, in order: a failed condition at position i + 2 is caseload[i]'s.
      ...caseload.map((change) => caseloadItem(this.store, change)),
      ...events.map((event) => putNew(this.store, eventItem(event))),
      ...this.outboxItems(outbox),
      ...figureUpdates(this.store, previous, next),
    ];
    try {
      await transact(this.store, items);
      // A change may be saved on top of this one without reading the case again (a worker's retries, the tests).
      if (caseParts.written) readVersions.set(next, caseParts.written);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed === -1) throw error;
      const change = caseload[failed - 2];
      throw new TransitionConflict(change ? { on: 'caseload', staffId: staffIdOf(change) } : { on: 'case' });
    }
  }

  /**
   * The case item and its unlisted part, in that order: each is written if
   * the transition changed it and otherwise only checked, and either way only
   * if it still has the version it was read with. Checking the part that is
   * not written keeps the guarantee of one version per case: a change is
   * computed from both parts (the figures of a transfer move the calls logged
   * on the case), so it must fail if either moved meanwhile. Writing only the
   * part that changed is the saving: a call, a supplement or a rating leaves
   * the case item, and so its copies in the list, pool and transfer indexes,
   * as they were.
   */
  private casePartsItems(previous: CaseRecord, next: CaseRecord): { items: TransactItems; written?: StoredVersions } {
    const read = readVersions.get(previous);
    const before = splitCase(previous);
    const after = splitCase(next);
    // Unlisted fields still on the case item (written before the split) move off it, to their own item, with this change.
    const movingOff = read?.unlistedOnCaseItem ?? false;
    const unlistedChanged = movingOff || !sameContent(before.unlisted, after.unlisted);
    // A transition that changes neither part still moves the version, on the case item.
    const caseChanged = movingOff || !unlistedChanged || !sameContent(before.listed, after.listed);
    const { caseCondition, unlistedCondition } = read ? exactVersions(read) : noNewerThan(previous.version);
    const table = { TableName: this.store.tableName };
    const items: TransactItems = [
      caseChanged
        ? { Put: { ...table, Item: { ...keys.case(next.caseId), ...this.caseAttributes(next) }, ...caseCondition } }
        : { ConditionCheck: { ...table, Key: keys.case(next.caseId), ...caseCondition } },
      unlistedChanged
        ? { Put: { ...table, Item: unlistedItem(next), ...unlistedCondition } }
        : { ConditionCheck: { ...table, Key: keys.caseUnlisted(next.caseId), ...unlistedCondition } },
    ];
    // What each item holds once written; unknown for a part not written of a record not read here.
    if (!read && !(caseChanged && unlistedChanged)) return { items };
    const unlisted = unlistedChanged ? next.version : read?.unlisted;
    return {
      items,
      written: { caseItem: caseChanged ? next.version : read!.caseItem, ...(unlisted !== undefined ? { unlisted } : {}) },
    };
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
  async pool(unionCode: string, pool: string, limit: number): Promise<CaseRow[]> {
    const page = await queryPage(this.store, {
      IndexName: 'casesInPool',
      KeyConditionExpression: 'poolKey = :pool',
      ExpressionAttributeValues: { ':pool': poolKey(unionCode, pool) },
      Limit: limit,
    });
    return (page.Items ?? []).map(caseRowOf);
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
    return { caseIds: (page.Items ?? []).map((item) => keys.caseIdOf(item.PK as string)), next: page.LastEvaluatedKey };
  }

  /** Transfers awaiting this union's answer, newest first. */
  async incomingTransfers(unionCode: string): Promise<CaseRow[]> {
    const items = await queryAll(this.store, {
      IndexName: 'transfersByTarget',
      KeyConditionExpression: 'transferTarget = :union',
      ExpressionAttributeValues: { ':union': unionCode },
      ScanIndexForward: false,
    });
    return items.map(caseRowOf);
  }

  /** Earlier cases of a caller, newest first (their rows only). */
  async findByPhoneHash(phoneHash: string, limit = 50): Promise<CaseLookupRow[]> {
    const result = await queryPage(this.store, {
      IndexName: 'casesByPhoneHash',
      KeyConditionExpression: 'phoneHash = :hash',
      ExpressionAttributeValues: { ':hash': phoneHash },
      ScanIndexForward: false,
      Limit: limit,
    });
    return (result.Items ?? []).map((item): CaseLookupRow => caseRowOf(item));
  }

  private caseAttributes(caseRecord: CaseRecord): Record<string, unknown> {
    // A clock met late counts as overdue even if no sweep saw it run out (the `?overdue=true` list filters on this).
    const fields = { ...splitCase(caseRecord).listed, ...overdueAttribute(caseRecord) };
    return {
      entity: ENTITY.case,
      ...caseItemFields(fields),
      version: caseRecord.version,
      ...listIndexAttributes(caseRecord.unionPath),
      listSk: listSortKey(caseRecord.registeredAt, caseRecord.caseId),
      ...poolIndexAttributes(caseRecord),
      ...(caseRecord.transfer ? { transferTarget: caseRecord.transfer.toUnion } : {}),
      ...dueIndexAttributes(caseRecord, nextDueAt(caseRecord.deadlines)),
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
          caseIds.flatMap((caseId) => [keys.case(caseId), keys.caseUnlisted(caseId)]),
          true,
        );
        // A case's two items share its partition key.
        const unlistedParts = new Map(
          items.filter((item) => item.entity === ENTITY.caseUnlisted).map((item) => [item.PK as string, item]),
        );
        yield items
          .filter((item) => item.entity === ENTITY.case)
          .map((item) => caseRecordOf(item, unlistedParts.get(item.PK as string)));
      } while (startKey);
    }
  }
}

/**
 * What a case carries that no list, pool or transfer view shows, and that
 * changes on its own (a call logged, a supplement added, a rating given) or
 * only grows (the closures a reopening set aside). Kept in an item of its own
 * (keys.caseUnlisted), so such changes do not rewrite the case item and its
 * index copies. A field added here must not be shown by toCaseView: list
 * pages read the case item's index copies only.
 */
const UNLISTED_FIELDS = [
  'hotlineCalls',
  'supplementCount',
  'feedback',
  'earlierClosures',
] as const satisfies readonly (keyof CaseRecord)[];

type UnlistedPart = Partial<Pick<CaseRecord, (typeof UNLISTED_FIELDS)[number]>>;

/** A case split into what goes on the case item (without the version) and its unlisted part. */
type ListedPart = Omit<CaseRecord, (typeof UNLISTED_FIELDS)[number] | 'version'>;

function splitCase(caseRecord: CaseRecord): { listed: ListedPart; unlisted: UnlistedPart } {
  const listed: Record<string, unknown> = { ...caseRecord };
  const unlisted: Record<string, unknown> = {};
  for (const field of UNLISTED_FIELDS) {
    if (listed[field] !== undefined) unlisted[field] = listed[field];
    delete listed[field];
  }
  delete listed.version;
  return { listed: listed as unknown as ListedPart, unlisted: unlisted as UnlistedPart };
}

/** Equal content, as stored: a difference in key order reads as a change, which costs a write but is never wrong. */
function sameContent(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function unlistedItem(caseRecord: CaseRecord): Record<string, unknown> {
  return {
    ...keys.caseUnlisted(caseRecord.caseId),
    entity: ENTITY.caseUnlisted,
    caseId: caseRecord.caseId,
    ...splitCase(caseRecord).unlisted,
    version: caseRecord.version,
  };
}

interface StoredVersions {
  readonly caseItem: number;
  /** Absent while the case has no unlisted part. */
  readonly unlisted?: number;
  /** Whether the case item still carries unlisted fields (written before the split). */
  readonly unlistedOnCaseItem?: boolean;
}

/**
 * The version each item of a case had when it was read (or written, by the
 * record saved), by record: saveTransition's conditions ask for exactly these.
 * One Query reads both items, but a Query is not isolated from a transaction
 * that wrote both, so it could see one new and one old; exact versions make
 * such a read fail its condition instead of writing the old part back.
 */
const readVersions = new WeakMap<CaseRecord, StoredVersions>();

function exactVersions(read: StoredVersions) {
  return {
    caseCondition: { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': read.caseItem } },
    unlistedCondition:
      read.unlisted === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': read.unlisted } },
  };
}

/**
 * For a record this repository did not read or save (a case as registered,
 * which auto-assignment acts on): it is a state that was written whole, so
 * nothing changed since if neither item is newer than its version.
 */
function noNewerThan(version: number) {
  const values = { ExpressionAttributeValues: { ':version': version } };
  return {
    caseCondition: { ConditionExpression: 'version <= :version', ...values },
    unlistedCondition: { ConditionExpression: 'attribute_not_exists(PK) OR version <= :version', ...values },
  };
}

/**
 * A case from its two items. Its version is the newer of theirs: each item
 * carries the version of the last change that wrote it. Fields on the case
 * item that belong to the unlisted part (written before the split) count
 * until the unlisted part is first written.
 */
function caseRecordOf(caseItem: Record<string, unknown>, unlisted: Record<string, unknown> | undefined): CaseRecord {
  const unlistedFields = unlisted ? withoutStorageAttributes<Record<string, unknown>>(unlisted) : {};
  delete unlistedFields.caseId;
  delete unlistedFields.version;
  const caseVersion = caseItem.version as number;
  const unlistedVersion = unlisted?.version as number | undefined;
  const record: CaseRecord = {
    ...caseFieldsOf(caseItem),
    ...unlistedFields,
    version: Math.max(caseVersion, unlistedVersion ?? 0),
  };
  readVersions.set(record, {
    caseItem: caseVersion,
    ...(unlistedVersion !== undefined ? { unlisted: unlistedVersion } : {}),
    unlistedOnCaseItem: UNLISTED_FIELDS.some((field) => caseItem[field] !== undefined),
  });
  return record;
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
