import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as listCases } from '../../../functions/cases/list.js';
import { handler as publicStatus } from '../../../functions/public/status.js';
import { forgetCachedDirectory } from '../../../shared/store/union-repository.js';
import { apiEvent, invoke } from '../../support/events.js';
import { demo } from '../../support/fixtures.js';

/**
 * The store throttling, failing on its side or out of reach is not a bug:
 * every route answers 503 STORE_UNAVAILABLE with Retry-After, so clients (and
 * the console) wait and retry, while a mistake of ours stays a 500.
 */
const dynamo = mockClient(DynamoDBDocumentClient);

/** What the SDK attaches after its own retries: the last HTTP status and how often it tried. */
const metadata = (httpStatusCode?: number) => ({
  ...(httpStatusCode ? { httpStatusCode } : {}),
  attempts: 3,
  totalRetryDelay: 350,
});
const networkError = (message: string, code: string) => Object.assign(new Error(message), { code, $metadata: metadata() });

const STORE_FAILURES: readonly { kind: string; error: () => Error }[] = [
  {
    kind: 'ProvisionedThroughputExceededException',
    error: () =>
      new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        $metadata: metadata(400),
      }),
  },
  {
    kind: 'ThrottlingException',
    error: () =>
      new ThrottlingException({
        message: 'Throughput exceeds the current capacity for one or more global secondary indexes.',
        $metadata: metadata(400),
      }),
  },
  {
    kind: 'RequestLimitExceeded',
    error: () =>
      new RequestLimitExceeded({
        message: 'Throughput exceeds the current throughput limit for your account.',
        $metadata: metadata(400),
      }),
  },
  {
    kind: 'a transaction cancelled because an item was throttled',
    error: () =>
      new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError]',
        $metadata: metadata(400),
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
      }),
  },
  {
    kind: 'InternalServerError',
    error: () => new InternalServerError({ message: 'Internal server error', $metadata: metadata(500) }),
  },
  {
    kind: 'ServiceUnavailable',
    error: () =>
      new DynamoDBServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        message: 'Service unavailable',
        $metadata: metadata(503),
      }),
  },
  {
    kind: 'an unmodelled 5xx',
    error: () =>
      new DynamoDBServiceException({ name: 'Unknown', $fault: 'server', message: 'Bad Gateway', $metadata: metadata(502) }),
  },
  { kind: 'ECONNREFUSED', error: () => networkError('connect ECONNREFUSED 10.0.0.1:443', 'ECONNREFUSED') },
  { kind: 'ETIMEDOUT', error: () => networkError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT') },
  { kind: 'socket hang up', error: () => networkError('socket hang up', 'ECONNRESET') },
  { kind: 'ENOTFOUND', error: () => networkError('getaddrinfo ENOTFOUND dynamodb.cn-north-1.amazonaws.com.cn', 'ENOTFOUND') },
  {
    kind: 'the SDK’s TimeoutError',
    error: () => Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError', $metadata: metadata() }),
  },
  {
    kind: 'an error the SDK marks retryable',
    error: () => Object.assign(new Error('Request was not processed'), { name: 'SomeTransientFault', $retryable: {} }),
  },
];

/** A staff client that reads English (staff read Chinese unless they ask). */
const staffRequest = () =>
  invoke(listCases, apiEvent({ method: 'GET', path: '/cases', user: demo('op-heping'), headers: { 'Accept-Language': 'en' } }));
const publicRequest = () =>
  invoke(
    publicStatus,
    apiEvent({
      method: 'GET',
      path: '/public/complaints/210102-20261121-0001',
      pathParameters: { caseNumber: '210102-20261121-0001' },
      headers: { 'x-access-code': 'K7QM-2XWD-9HRT' },
    }),
  );

beforeAll(() => {
  vi.stubEnv('TABLE_NAME', 'unit-table');
  vi.stubEnv('CURSOR_KEY', 'unit-key');
});

beforeEach(() => {
  dynamo.reset();
  forgetCachedDirectory();
});

describe('the store throttling or out of reach', () => {
  it.each(STORE_FAILURES)(
    '$kind → 503 STORE_UNAVAILABLE with Retry-After on a staff route, in the one error shape',
    async ({ error }) => {
      dynamo.onAnyCommand().rejects(error());

      const response = await staffRequest();

      expect(response.status).toBe(503);
      expect(Number(response.headers['Retry-After'])).toBeGreaterThan(0);
      expect(response.body).toEqual({
        error: { code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/try again/), requestId: 'test-request' },
      });
    },
  );

  it.each(STORE_FAILURES)('$kind → 503 with Retry-After and a Chinese message on a public route', async ({ error }) => {
    dynamo.onAnyCommand().rejects(error());

    const response = await publicRequest();

    expect(response.status).toBe(503);
    expect(Number(response.headers['Retry-After'])).toBeGreaterThan(0);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(response.body.error.message).toMatch(/^[\u4e00-\u9fff，。、：；！？]+$/u);
  });

  it('keeps a request DynamoDB refuses as malformed (our bug) a 500 without internals', async () => {
    dynamo.onAnyCommand().rejects(
      new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        message: 'The provided starting key does not match the range key predicate',
        $metadata: metadata(400),
      }),
    );

    const response = await staffRequest();

    expect(response.status).toBe(500);
    expect(response.headers['Retry-After']).toBeUndefined();
    expect(response.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(response.body)).not.toContain('range key');
  });

  it('keeps a plain programming error a 500', async () => {
    dynamo.onAnyCommand().rejects(new TypeError("Cannot read properties of undefined (reading 'unionCode')"));

    const response = await publicRequest();

    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL');
  });
});
