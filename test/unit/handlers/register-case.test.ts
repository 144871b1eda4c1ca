import { InternalServerError, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../functions/cases/register.js';
import { DEMO_UNIONS } from '../../../scripts/local/demo-data.js';
import { forgetCachedDirectory } from '../../../shared/store/union-repository.js';
import { CASE_ROW_FIELDS } from '../../../shared/domain/records.js';
import { caseFieldsOf, caseRowOf } from '../../../shared/store/case-item.js';
import { lambdaContext } from '../../../scripts/local/server.js';
import { apiEvent, invoke } from '../../support/events.js';
import { complaint, demo } from '../../support/fixtures.js';

const dynamo = mockClient(DynamoDBDocumentClient);

function register(body: unknown, username = 'op-heping') {
  return invoke(handler, apiEvent({ method: 'POST', path: '/cases', user: demo(username), body }));
}

beforeAll(() => {
  vi.stubEnv('TABLE_NAME', 'unit-table');
  vi.stubEnv('PHONE_HASH_KEY', 'unit-key');
});

beforeEach(() => {
  // Prepare: the directory query returns the demo unions; the counter has no value yet.
  dynamo.reset();
  forgetCachedDirectory();
  dynamo
    .on(QueryCommand)
    .resolves({ Items: DEMO_UNIONS.map((union) => ({ PK: 'DIRECTORY', SK: `UNION#${union.code}`, ...union })) });
  dynamo.on(GetCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({ Attributes: { last: 1 } });
  dynamo.on(TransactWriteCommand).resolves({});
});

afterEach(() => vi.useRealTimers());

describe('POST /cases handler', () => {
  it('takes the day’s next number, then writes case, contact, case number, first events, acknowledgement and figures in one transaction', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T02:00:00Z'), toFake: ['Date'] });

    const response = await register(complaint());

    expect(response.status).toBe(201);
    expect(response.body.caseNumber).toBe('210102-20261121-0001');
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { PK: 'UNION#210102', SK: 'CASESEQ#20261121' },
      UpdateExpression: 'ADD #last :one',
    });
    const transactions = dynamo.commandCalls(TransactWriteCommand);
    expect(transactions).toHaveLength(1);
    const items = transactions[0]!.args[0].input.TransactItems!;
    expect(items.map((item) => item.Put?.Item?.SK ?? item.Update?.Key?.SK)).toEqual([
      'CASE',
      'CONTACT',
      'CASENO',
      expect.stringMatching(/^EVENT#2026-11-21T02:00:00.000Z#001#/),
      expect.stringMatching(/^EVENT#2026-11-21T02:00:00.000Z#002#/),
      expect.stringMatching(/^OUTBOX#2026-11-21T02:00:00.000Z#/),
      expect.stringMatching(/^FIGURES#2026-11#0[0-7]$/),
      expect.stringMatching(/^CASE#/),
    ]);
    // The reconciliation's activity index for the month (a plain Put: a repeat must never cancel the transaction).
    expect(items.at(-1)!.Put!.Item).toMatchObject({ PK: 'ACTIVE#210102#2026-11', entity: 'caseActivity' });
    // Every other put is conditional: nothing is ever overwritten.
    expect(
      items
        .filter((item) => item.Put && item.Put.Item?.entity !== 'caseActivity')
        .every((item) => item.Put!.ConditionExpression === 'attribute_not_exists(PK)'),
    ).toBe(true);
  });

  it('keeps personal details off the case item: masked name and phone, keyed phone hash', async () => {
    await register(complaint());
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const caseItem = items.find((item) => item.Put?.Item?.SK === 'CASE')!.Put!.Item!;
    expect(JSON.stringify(caseItem)).not.toContain('13812345678');
    expect(JSON.stringify(caseItem)).not.toContain('210102199003071233');
    expect(caseItem.row.complainant).toMatchObject({ nameMasked: '张*', mobileMasked: '138****5678' });
    expect(caseItem.phoneHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keeps what lists show in the case item’s row, and reads a case item written before rows existed alike', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T02:00:00Z'), toFake: ['Date'] });
    const response = await register(complaint({ category: 'work_injury', amountClaimedFen: 1_200_000 }));
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const caseItem = items.find((item) => item.Put?.Item?.SK === 'CASE')!.Put!.Item!;

    // The row: what a list shows, with the clock that matters now; nothing a list does not show.
    expect(caseItem.row).toMatchObject({
      caseNumber: response.body.caseNumber,
      category: 'work_injury',
      status: response.body.status,
      amountClaimedFen: 1_200_000,
      complainant: { nameMasked: '张*' },
      currentClock: { clock: response.body.deadlines[0].clock, dueAt: expect.any(String) },
    });
    expect(Object.keys(caseItem.row).filter((field) => !(CASE_ROW_FIELDS as readonly string[]).includes(field))).toEqual([
      'currentClock',
    ]);
    expect(caseItem.description).toBe(complaint().description);
    expect(caseItem.version).toBe(1);

    // The case as stored reads back whole, and an item of the old shape (every field at the top level) gives the same case and row.
    const record = caseFieldsOf(caseItem);
    expect(record).toMatchObject({ caseNumber: response.body.caseNumber, description: complaint().description, version: 1 });
    expect(record).not.toHaveProperty('row');
    expect(record).not.toHaveProperty('currentClock');
    const oldShape = { PK: caseItem.PK, SK: caseItem.SK, entity: 'case', ...record };
    expect(caseFieldsOf(oldShape)).toEqual(record);
    expect(caseRowOf(oldShape)).toEqual(caseRowOf(caseItem));
  });

  it('marks a number void when its transaction fails, so the gap is explained', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }],
      }),
    );

    const response = await register(complaint());

    // Throttled, not a bug: the client hears 503 and retries (and gets the next number).
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({
      PK: expect.stringMatching(/^CASENO#210102-\d{8}-0001$/),
      entity: 'voidedCaseNumber',
      reason: 'TransactionCanceledException',
    });
  });

  it.each([
    [
      'DynamoDB answered the transaction with a 500: it may have been applied',
      new InternalServerError({ message: 'Internal server error', $metadata: { httpStatusCode: 500 } }),
      'OUTCOME_UNKNOWN',
    ],
    [
      'the connection broke after the request was sent',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'OUTCOME_UNKNOWN',
    ],
    [
      'the store could not be reached at all: nothing was sent',
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
      'STORE_UNAVAILABLE',
    ],
  ])('answers 503 saying what may have happened when %s (issue 12, defects 2 and 3)', async (_when, failure, code) => {
    dynamo.on(TransactWriteCommand).rejects(failure);

    const response = await register(complaint());

    expect(response.status).toBe(503);
    expect(response.headers['Retry-After']).toBe('2');
    expect(response.body.error.code).toBe(code);
  });

  it('takes the number again when DynamoDB Local timed out on its lock, and registers the case (issue 12, defect 12)', async () => {
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(
        new InternalServerError({
          message:
            'This action timed out because it too long waiting for a lock. This request will succeed in actual DynamoDB API',
          $metadata: { httpStatusCode: 500 },
        }),
      )
      .resolves({ Attributes: { last: 1 } });

    const response = await register(complaint());

    expect(response.status).toBe(201);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(2);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 500 without internals when DynamoDB refuses the request as invalid (a bug of ours)', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      Object.assign(new Error('One or more parameter values were invalid: secret-internal-detail'), {
        name: 'ValidationException',
      }),
    );

    const response = await register(complaint());

    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(response.body)).not.toContain('secret-internal-detail');
    expect(response.body.error.requestId).toBe('test-request');
  });

  it('answers 503 OUTCOME_UNKNOWN with Retry-After, not BUSY or 500, when DynamoDB is too slow to finish before the Lambda timeout (issue 12, defect 2)', async () => {
    dynamo.on(TransactWriteCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({}), 500)));
    const event = apiEvent({
      method: 'POST',
      path: '/cases',
      user: demo('op-heping'),
      body: complaint(),
      headers: { 'Accept-Language': 'en' },
    });
    // An invocation with 100 ms left: middy gives up just before Lambda would.
    const context = { ...lambdaContext('test', 'test-request'), getRemainingTimeInMillis: () => 100 };

    const result = await handler(event, context);

    // The transaction was sent and may still commit: "busy, nothing happened" would invite a duplicate.
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body).error.code).toBe('OUTCOME_UNKNOWN');
    expect(JSON.parse(result.body).error.message).toMatch(/same Idempotency-Key/);
    expect(result.headers?.['Retry-After']).toBe('2');
  });

  it('refuses a lawyer with 403 and an unauthenticated request with 401, before touching DynamoDB', async () => {
    expect((await register(complaint(), 'lawyer-heping')).status).toBe(403);
    const anonymous = await invoke(handler, apiEvent({ method: 'POST', path: '/cases', body: complaint() }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('rejects invalid input with field paths and writes nothing', async () => {
    const response = await register({ ...complaint(), complainant: { name: '张伟', mobile: '12345' }, extra: true });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'complainant.mobile' }),
        expect.objectContaining({ path: 'extra', code: 'unknown_field' }),
      ]),
    );
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
