import { ConditionalCheckFailedException, InternalServerError, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type PutCommandInput,
  type UpdateCommandInput,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import type { TimelineEvent } from '../domain/cases.js';
import { AppError } from '../domain/errors.js';
import { keys } from './keys.js';
import type { StoreContext } from './client.js';
import { ENTITY } from './entities.js';

type Item = Record<string, unknown>;

/** Attributes that exist only for keys and indexes; stripped before the domain sees an item. */
const STORAGE_ATTRIBUTES = [
  'PK',
  'SK',
  'entity',
  'l1Union',
  'l2Union',
  'l3Union',
  'listSk',
  'poolKey',
  'poolSk',
  'transferTarget',
  'dueProvince',
  'dueSk',
  // The call that wrote the item (conditionalPut).
  'putId',
] as const;

export function withoutStorageAttributes<T>(item: Item): T {
  const copy = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** One item by key. */
export async function getItem(store: StoreContext, key: Item, consistent = false): Promise<Item | undefined> {
  const result = await retryingLockTimeouts(() =>
    store.client.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: consistent })),
  );
  return result.Item;
}

export type QueryInput = Omit<QueryCommandInput, 'TableName'>;

/** One page of a Query. */
export async function queryPage(store: StoreContext, input: QueryInput): Promise<QueryCommandOutput> {
  const page = await retryingLockTimeouts(() => store.client.send(new QueryCommand({ ...input, TableName: store.tableName })));
  return page;
}

/** Every item a Query matches, following pages. Only for partitions known to be small (a case's events, the union directory). */
export async function queryAll(store: StoreContext, input: Omit<QueryInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await queryPage(store, { ...input, ExclusiveStartKey: startKey });
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** BatchGetItem takes at most this many keys per request. */
const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 8;

/**
 * Every item of `requestKeys` that exists, in any order: requests of up to 100
 * keys in parallel, each retrying what DynamoDB left unprocessed (throttling)
 * with jittered backoff; 503 BUSY if it still cannot, never a silent gap.
 */
export async function batchGetAll(store: StoreContext, requestKeys: readonly Item[], consistent = false): Promise<Item[]> {
  const chunks: Item[][] = [];
  for (let start = 0; start < requestKeys.length; start += BATCH_GET_LIMIT) {
    chunks.push(requestKeys.slice(start, start + BATCH_GET_LIMIT));
  }
  const batches = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Item[] = [];
      let pending: Item[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= BATCH_GET_ATTEMPTS)
          throw new AppError(
            'BUSY',
            { zh: '系统繁忙，请稍后再试。', en: 'The service is busy; try again in a moment.' },
            undefined,
            1,
          );
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
        const response = await store.client.send(
          new BatchGetCommand({
            RequestItems: { [store.tableName]: { Keys: pending, ConsistentRead: consistent } },
          }),
        );
        items.push(...(response.Responses?.[store.tableName] ?? []));
        pending = (response.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as Item[];
      }
      return items;
    }),
  );
  return batches.flat();
}

export type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** Attempts at a transaction that keeps colliding with others on the same items, before giving up with BUSY. */
const TRANSACTION_ATTEMPTS = 6;

/**
 * Several writes as one: all of them or none. A transaction cancelled only
 * because another one held one of its items (TransactionConflict, e.g. two
 * filings moving the same monthly counter at once) wrote nothing, so it is
 * tried again after a short jittered pause; if it keeps colliding the caller
 * hears 503 BUSY, never a 500. A failed condition is never retried: that is
 * the business answer.
 */
export async function transact(store: StoreContext, items: TransactItems): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!isOnlyTransactionConflict(error) && !isLocalLockTimeout(error)) throw error;
      if (attempt >= TRANSACTION_ATTEMPTS) throw tooManyChanges();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

const tooManyChanges = () =>
  new AppError(
    'BUSY',
    { zh: '同时提交的修改过多，请稍后再试。', en: 'Too many changes at once; try again in a moment.' },
    undefined,
    1,
  );

/**
 * DynamoDB Local's answer (a 500) when a request waited too long for the lock
 * it serialises writes with, e.g. hundreds of requests in flight on a busy
 * machine: it gave up before touching anything ("This request will succeed
 * in actual DynamoDB API"), so trying again is safe even for a write that is
 * not idempotent. DynamoDB itself never sends it. Any other 500 may have
 * been applied and is not retried here.
 */
export function isLocalLockTimeout(error: unknown): boolean {
  return error instanceof InternalServerError && /waiting for a lock/i.test(error.message);
}

/**
 * Attempts at a single request that keeps timing out on DynamoDB Local's lock,
 * before giving up with BUSY: about five seconds of pauses in all, enough for
 * a burst of a few hundred writes on one item on a busy two-core machine.
 */
const LOCK_TIMEOUT_ATTEMPTS = 10;

/**
 * Runs one request, trying it again after a jittered, growing pause when
 * DynamoDB Local timed out on its lock (see isLocalLockTimeout), as
 * `transact` does for colliding transactions; 503 BUSY if it keeps happening.
 */
export async function retryingLockTimeouts<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isLocalLockTimeout(error)) throw error;
      if (attempt >= LOCK_TIMEOUT_ATTEMPTS) throw tooManyChanges();
      // Growing, capped and jittered, so the waiting requests do not all come back at once.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
    }
  }
}

function isOnlyTransactionConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return codes.includes('TransactionConflict') && codes.every((code) => code === 'TransactionConflict' || code === 'None');
}

/** A transaction item that puts an item which must not exist yet: ids, numbers and events are never overwritten. */
export function putNew(store: StoreContext, item: Item) {
  return { Put: { TableName: store.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } };
}

export function eventItem(event: TimelineEvent): Item {
  return { ...keys.event(event.caseId, event.at, event.seq, event.eventId), entity: ENTITY.event, ...event };
}

/** What a conditional Put did: wrote its item, or found its condition failed on `existing`. */
export type ConditionalPut = { readonly written: true } | { readonly written: false; readonly existing: Item | undefined };

/**
 * A conditional Put in the store's table, for writes whose lost condition is
 * an answer, not an error: idempotent replays, first-writer-wins markers,
 * claims, records written once. DynamoDB may apply a write and still answer
 * 500; the SDK then sends it again, and the condition fails on the item the
 * first attempt wrote. So the item carries the id of the call that put it
 * (`putId`), and a condition that fails on an item with this call's id is
 * this call's own write: written.
 */
export async function conditionalPut(store: StoreContext, input: Omit<PutCommandInput, 'TableName'>): Promise<ConditionalPut> {
  const putId = randomUUID();
  try {
    await retryingLockTimeouts(() =>
      store.client.send(
        new PutCommand({
          ...input,
          Item: { ...input.Item, putId },
          TableName: store.tableName,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return { written: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = error.Item ? unmarshall(error.Item) : undefined;
    return existing?.putId === putId ? { written: true } : { written: false, existing };
  }
}

/** A conditional Put (see conditionalPut): true when written, false when its condition failed. */
export async function putIf(store: StoreContext, input: Omit<PutCommandInput, 'TableName'>): Promise<boolean> {
  return (await conditionalPut(store, input)).written;
}

/**
 * A conditional Update in the store's table: true when written, false when
 * its condition failed. Unlike conditionalPut it cannot recognise its own
 * write retried after a 500: every use here either ignores a false answer or
 * has a condition its own write leaves true.
 */
export async function updateIf(store: StoreContext, input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
  try {
    await retryingLockTimeouts(() => store.client.send(new UpdateCommand({ ...input, TableName: store.tableName })));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
