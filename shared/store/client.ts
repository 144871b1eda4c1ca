import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_ENV } from '../config/environment.js';
import { recordCapacity } from '../observability/consumed-capacity.js';

/**
 * One DocumentClient per Lambda container, created on first use rather than
 * at import, so that configuration (TABLE_NAME, DYNAMODB_ENDPOINT for
 * DynamoDB Local) is read when it is needed and tests need no import-order
 * tricks. `DYNAMODB_ENDPOINT` is set only locally.
 */
let baseClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

/**
 * The plain client, for libraries that take one (Powertools idempotency).
 * In Lambda a container serves one request at a time and the SDK's default of
 * 50 sockets is ample; the local server runs every request of a burst in one
 * process, so it raises the cap (DYNAMODB_MAX_SOCKETS) rather than queue them.
 */
export function getDynamoDbClient(): DynamoDBClient {
  const maxSockets = Number(process.env[FUNCTION_ENV.dynamoDbMaxSockets]) || undefined;
  baseClient ??= newDynamoDbClient({
    endpoint: process.env[FUNCTION_ENV.dynamoDbEndpoint] || undefined,
    maxAttempts: 3,
    ...(maxSockets ? { requestHandler: { httpAgent: { maxSockets }, httpsAgent: { maxSockets } } } : {}),
  });
  return baseClient;
}

/**
 * A DynamoDB client as the product uses it: every data call tallies the
 * request units it consumed, and a failure keeps those of the attempts the
 * SDK retried. Tests and benchmarks that bring their own client build it here.
 */
export function newDynamoDbClient(config: DynamoDBClientConfig): DynamoDBClient {
  const client = new DynamoDBClient(config);
  tallyConsumedCapacity(client);
  keepEarlierAttemptFailures(client);
  return client;
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * Asks for `ReturnConsumedCapacity` on every data call, whoever makes it (the
 * repositories, Powertools' idempotency records), and adds the answer to the
 * current work's tally (shared/observability/consumed-capacity.ts).
 */
function tallyConsumedCapacity(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const kind = READS.has(context.commandName ?? '') ? 'read' : WRITES.has(context.commandName ?? '') ? 'write' : undefined;
      if (!kind) return next(args);
      const result = await next({ ...args, input: { ReturnConsumedCapacity: 'TOTAL', ...(args.input as object) } });
      recordCapacity(kind, (result.output as { ConsumedCapacity?: Parameters<typeof recordCapacity>[1] }).ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'tallyConsumedCapacity' },
  );
}

/**
 * The SDK retries a failed call and reports only its last failure. A write
 * whose first attempt was answered with a 500 (it may have been applied) and
 * whose retries were then throttled would look like "nothing was written".
 * This middleware, inside the retry loop, hangs the failures of the earlier
 * attempts on each failure as `earlierAttemptFailures`, for the edge to judge
 * what may have happened (shared/http/unavailable.ts).
 */
function keepEarlierAttemptFailures(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next) => {
      const failures: unknown[] = [];
      return async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (typeof error === 'object' && error !== null && failures.length > 0)
            Object.defineProperty(error, 'earlierAttemptFailures', { value: [...failures], enumerable: false });
          failures.push(error);
          throw error;
        }
      };
    },
    // finalizeRequest at low priority runs after the retry middleware, so once per attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'keepEarlierAttemptFailures' },
  );
}

export function getDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(getDynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } });
  return documentClient;
}

export function tableName(): string {
  const name = process.env[FUNCTION_ENV.tableName];
  if (!name) throw new Error(`${FUNCTION_ENV.tableName} is not set`);
  return name;
}

/** The table and client a repository talks to; tests pass their own. */
export interface StoreContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function defaultStore(): StoreContext {
  return { client: getDocumentClient(), tableName: tableName() };
}
