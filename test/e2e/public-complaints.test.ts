import { randomUUID } from 'node:crypto';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FiledComplaintView, PublicCaseView } from '../../shared/schemas/responses.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type ApiResponse, type LocalApi } from '../support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

/** What a worker's WeChat client sends. */
function onlineComplaint(overrides: Record<string, unknown> = {}) {
  const { channel: _hotline, ...content } = complaint({ regionCode: '210103' });
  return { ...content, channel: 'wechat', ...overrides };
}

function file(body: unknown, idempotencyKey?: string): Promise<ApiResponse> {
  return api.request('POST', '/public/complaints', {
    body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

/** The answers after which a client is told to ask again, with the same key, after Retry-After seconds. */
const ASK_AGAIN = new Set(['409 REQUEST_IN_PROGRESS', '503 OUTCOME_UNKNOWN', '503 BUSY', '503 STORE_UNAVAILABLE']);

/**
 * Files as a well-behaved client does: while the first request with the same
 * key is still being processed the API answers 409 REQUEST_IN_PROGRESS, and a
 * request that outlived the function's timeout (a burst on a loaded machine)
 * answers 503; both carry Retry-After, and the client asks again after that
 * long with the same key. Every answer on the way is kept, so a test can check
 * that nothing else came back.
 */
async function fileUntilAnswered(body: unknown, idempotencyKey: string): Promise<{ final: ApiResponse; waits: ApiResponse[] }> {
  const waits: ApiResponse[] = [];
  for (let attempt = 1; ; attempt++) {
    const response = await file(body, idempotencyKey);
    if (!ASK_AGAIN.has(`${response.status} ${response.body.error?.code}`) || attempt === 10) return { final: response, waits };
    waits.push(response);
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after')) * 1000));
  }
}

/** Runs tasks with at most `limit` in flight. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('a worker filing and following a complaint', () => {
  it('files, follows, adds information the staff see, and cannot rate before closing', async () => {
    const filed = await file(onlineComplaint(), randomUUID());
    expect(filed.status).toBe(201);
    expect(FiledComplaintView.safeParse(filed.body).success).toBe(true);
    expect(filed.body).toMatchObject({ status: 'in_pool', statusText: '正在为您安排劳动争议调解员', unionName: '沈河区总工会' });
    const { caseNumber, accessCode } = filed.body;
    const withCode = { headers: { 'x-access-code': accessCode } };

    const status = await api.request('GET', `/public/complaints/${caseNumber}`, withCode);
    expect(status.status).toBe(200);
    expect(PublicCaseView.safeParse(status.body).success).toBe(true);
    expect(status.body.timeline).toEqual([
      { at: expect.any(String), what: '案件已登记', by: '您' },
      { at: expect.any(String), what: '工会已受理并分流', by: '工会' },
    ]);
    expect(status.body.nextStep).toMatchObject({ text: '调解员接手后将与您联系', dueAt: expect.any(String) });

    const supplement = await api.request('POST', `/public/complaints/${caseNumber}/supplements`, {
      ...withCode,
      body: { text: '老板姓李' },
    });
    expect(supplement.status).toBe(201);

    // The operator of 沈河区 finds the case and sees the supplement.
    const list = await api.request('GET', '/cases', { user: demo('op-shenhe') });
    const listed = list.body.items.find((item: { caseNumber: string }) => item.caseNumber === caseNumber);
    const timeline = await api.request('GET', `/cases/${listed.caseId}/timeline`, { user: demo('op-shenhe') });
    expect(timeline.body.events.map((event: { type: string }) => event.type)).toContain('supplement_added');

    const feedback = await api.request('POST', `/public/complaints/${caseNumber}/feedback`, { ...withCode, body: { score: 5 } });
    expect(feedback.status).toBe(409);
    expect(feedback.body.error.message).toMatch(/办结/);
  });

  it('files a petition online (信访工作条例, 2022): the legal department takes it, as a petition registered by staff', async () => {
    const filed = await file(onlineComplaint({ kind: 'petition' }), randomUUID());
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'triaged', unionName: '沈河区总工会' });

    const list = await api.request('GET', '/cases?kind=petition', { user: demo('admin-shenyang') });
    const listed = list.body.items.find((item: { caseNumber: string }) => item.caseNumber === filed.body.caseNumber);
    expect(listed).toMatchObject({ kind: 'petition', channel: 'wechat', route: 'legal_department' });
    expect(listed.pool).toBeUndefined();
  });

  it('never shows the complainant’s phone or ID number, or who on the staff did what', async () => {
    const filed = await file(
      onlineComplaint({ complainant: { name: '赵六', mobile: '13655551234', idNumber: '210102199003071233' } }),
    );
    const status = await api.request('GET', `/public/complaints/${filed.body.caseNumber}`, {
      headers: { 'x-access-code': filed.body.accessCode },
    });
    const everything = JSON.stringify([filed.body, status.body]);
    for (const secret of ['13655551234', '5551234', '210102199003071233', '赵六', 'staffId', demo('op-shenhe').sub]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('idempotent filing', () => {
  it('200 concurrent submissions sharing 50 Idempotency-Keys create exactly 50 cases; replays return the originals', async () => {
    const keys = Array.from({ length: 50 }, () => randomUUID());
    const before = (await api.items()).filter((item) => item.SK === 'CASE').length;

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) => {
        const key = keys[index % 50]!;
        return fileUntilAnswered(onlineComplaint({ description: `投诉 ${key}` }), key).then(({ final, waits }) => ({
          key,
          response: final,
          waits,
        }));
      }),
    );

    expect(responses.map(({ response }) => response.status).filter((status) => status !== 201)).toEqual([]);
    // A duplicate that arrived while its first was in flight, or a request cut off by the timeout, was told to wait,
    // and how long (never a second case).
    for (const wait of responses.flatMap(({ waits }) => waits))
      expect(Number(wait.headers.get('retry-after'))).toBeGreaterThan(0);
    const after = await api.items();
    const created = after.filter((item) => item.SK === 'CASE').length - before;
    expect(created).toBe(50);
    // The answers kept for replays hold no access code: only its hash is ever stored.
    const kept = JSON.stringify(after.filter((item) => String(item.PK).startsWith('IDEMPOTENCY#fileComplaint')));
    expect(kept).toContain(responses[0]!.response.body.caseNumber);
    for (const { response } of responses) expect(kept).not.toContain(response.body.accessCode);
    for (const key of keys) {
      const answers = responses
        .filter((entry) => entry.key === key)
        .map(({ response }) => `${response.body.caseNumber} ${response.body.accessCode}`);
      expect(new Set(answers).size).toBe(1);
    }
    const caseNumbers = new Set(responses.map(({ response }) => response.body.caseNumber));
    expect(caseNumbers.size).toBe(50);

    // A replay afterwards returns the original answer; a different body under the same key is refused.
    const original = responses.find((entry) => entry.key === keys[0])!.response.body;
    const replay = await file(onlineComplaint({ description: `投诉 ${keys[0]}` }), keys[0]);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(original);
    const reused = await file(onlineComplaint({ description: '别的事' }), keys[0]);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a retry after its kept answer expired (an hour) still gets the original case number and code', async () => {
    const key = randomUUID();
    const body = onlineComplaint({ description: `投诉 ${key}` });
    const first = await file(body, key);
    expect(first.status).toBe(201);
    const kept = (await api.items()).filter(
      (item) => String(item.PK).startsWith('IDEMPOTENCY#fileComplaint') && JSON.stringify(item).includes(first.body.caseNumber),
    );
    expect(kept).toHaveLength(1);
    // What the table's TTL does after the hour.
    await api.table.raw.send(
      new DeleteItemCommand({ TableName: api.table.tableName, Key: marshall({ PK: kept[0]!.PK, SK: kept[0]!.SK }) }),
    );

    const late = await file(body, key);
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ caseNumber: first.body.caseNumber, accessCode: first.body.accessCode });
    const status = await api.request('GET', `/public/complaints/${first.body.caseNumber}`, {
      headers: { 'x-access-code': first.body.accessCode },
    });
    expect(status.status).toBe(200);
  });
});

describe('guessing', () => {
  it('1,000 guesses from one address at real and made-up numbers: 10 are checked, all alike, and the worker still gets in', async () => {
    const real = await file(onlineComplaint());
    const realNumber: string = real.body.caseNumber;
    const madeUp = Array.from({ length: 9 }, (_, index) => `${realNumber.slice(0, 16)}${String(9000 + index)}`);
    const numbers = [realNumber, ...madeUp];
    const guesser = '127.0.0.66';

    // 100 guesses per number, each number guessed in order, the numbers in parallel.
    const perNumber = await pooled(
      numbers.map((number) => async () => {
        const answers: ApiResponse[] = [];
        for (let guess = 0; guess < 100; guess++) {
          const code = randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase();
          answers.push(
            await api.request('GET', `/public/complaints/${number}`, { headers: { 'x-access-code': code }, from: guesser }),
          );
        }
        return answers;
      }),
      10,
    );
    const all = perNumber.flat();
    expect(all).toHaveLength(1000);

    // Every answer is one of two shapes, the same for real and made-up numbers
    // (the minutes left in a lockout count down, the same for all).
    const shape = (answer: ApiResponse) =>
      JSON.stringify({
        status: answer.status,
        code: answer.body.error?.code,
        message: answer.body.error?.message.replace(/\d+/g, 'N'),
        retryAfter: answer.headers.has('retry-after'),
      });
    expect(new Set(all.map(shape)).size).toBe(2);
    expect(all.filter((answer) => answer.status === 404)).toHaveLength(10);
    expect(all.filter((answer) => answer.status === 429)).toHaveLength(990);

    // Locked out means no code is checked from there, the rightful one included…
    const fromGuesser = await api.request('GET', `/public/complaints/${realNumber}`, {
      headers: { 'x-access-code': real.body.accessCode },
      from: guesser,
    });
    expect(fromGuesser.status).toBe(429);
    expect(Number(fromGuesser.headers.get('retry-after'))).toBeGreaterThan(800);
    // …but the worker, from their own phone, gets in.
    const owner = await api.request('GET', `/public/complaints/${realNumber}`, {
      headers: { 'x-access-code': real.body.accessCode },
      from: '127.0.0.67',
    });
    expect(owner.status).toBe(200);
  });
});
