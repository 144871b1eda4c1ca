import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_ENV } from '../config/environment.js';

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
  if (!baseClient) {
    baseClient = new DynamoDBClient({
      endpoint: process.env[FUNCTION_ENV.dynamoDbEndpoint] || undefined,
      maxAttempts: 3,
      ...(maxSockets ? { requestHandler: { httpAgent: { maxSockets }, httpsAgent: { maxSockets } } } : {}),
    });
    keepEarlierAttemptFailures(baseClient);
  }
  return baseClient;
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
