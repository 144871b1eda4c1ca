import { GetCommand, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { recordCapacity } from './capacity.js';
import type { StoreContext } from './client.js';

type Item = Record<string, unknown>;

/** One item by key, with its request units recorded. */
export async function getItem(store: StoreContext, key: Item, consistent = false): Promise<Item | undefined> {
  const result = await store.client.send(
    new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: consistent, ReturnConsumedCapacity: 'TOTAL' }),
  );
  recordCapacity(result.ConsumedCapacity);
  return result.Item;
}

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ReturnConsumedCapacity'>;

/** One page of a Query, with its request units recorded. */
export async function queryPage(store: StoreContext, input: QueryInput): Promise<QueryCommandOutput> {
  const page = await store.client.send(
    new QueryCommand({ ...input, TableName: store.tableName, ReturnConsumedCapacity: 'TOTAL' }),
  );
  recordCapacity(page.ConsumedCapacity);
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
