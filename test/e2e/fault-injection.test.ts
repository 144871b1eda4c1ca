import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CloseBody } from '../../shared/schemas/lifecycle.js';
import { getDynamoDbClient } from '../../shared/store/client.js';
import * as z from 'zod/mini';
import { FAULT_KINDS, injectFaults, injectedInternalError, injectedThrottle } from '../support/fault-injection.js';
import { demo } from '../support/fixtures.js';
import {
  answerContradicting,
  answerLabel,
  casesByMobile,
  registration,
  retryUntilSettled,
  send,
  unacceptableFailure,
  withConcurrency,
  type Registration,
} from '../support/load-run.js';
import { startLocalApi, type ApiResponse, type LocalApi } from '../support/local-api.js';
import { runs } from '../support/long-runs.js';
import { brokenInvariants, casesByNumber } from '../support/store-invariants.js';

/**
 * Issue 12, evidence: fault injection. A load run of registrations (hotline
 * and online), claims and closes at 16-way concurrency against the local API
 * while one DynamoDB call in ten is throttled, fails with a 500/503 (some
 * after the write was applied) or is slowed down. Whatever the store does,
 * a client hears a 2xx, a business 4xx, or a 503 with Retry-After that says
 * "retry later" (STORE_UNAVAILABLE; OUTCOME_UNKNOWN when a write may have
 * happened; BUSY), never a 500; a 201 means the case exists; a retry with the
 * same Idempotency-Key settles every unknown outcome to exactly one case; and
 * the table stays whole (no partial case, figures and capacity exact).
 */
const REQUESTS = runs(100, 1000, 2000);
const CONCURRENCY = 16;
const FAULT_RATE = 0.1;
const SEED = Number(process.env.WEIQUAN_FAULT_SEED) || Math.floor(Math.random() * 2 ** 31);
const CLOSING = (z.globalRegistry.get(CloseBody)?.examples as unknown[])[0];

type Operation = { readonly kind: 'registerCase' | 'fileComplaint' | 'claim' | 'close'; readonly pick: number };

const operations: Operation[] = fc.sample(
  fc.record({
    kind: fc.oneof(
      { weight: 4, arbitrary: fc.constant('registerCase' as const) },
      { weight: 2, arbitrary: fc.constant('fileComplaint' as const) },
      { weight: 2, arbitrary: fc.constant('claim' as const) },
      { weight: 2, arbitrary: fc.constant('close' as const) },
    ),
    pick: fc.noBias(fc.nat()),
  }),
  { seed: SEED, numRuns: REQUESTS },
);

let api: LocalApi;

beforeAll(async () => {
  // The deployed functions' 10 s, not the tests' usual 25 s: a timeout is one more fault the run should meet, and a
  // registration whose store failed before Powertools could clear its in-progress record is retried 10 s later, not 25.
  api = await startLocalApi({ invocationBudgetMs: 10_000 });
});
afterAll(async () => api?.stop());

/** A hotline case as this run last knew it, so claims and closes go where they can succeed. */
interface KnownCase {
  readonly caseId: string;
  readonly pool?: string;
  state: 'in_pool' | 'claimed' | 'closed' | 'unknown';
  owner?: string;
}

type MiddlewareStack = ReturnType<typeof getDynamoDbClient>['middlewareStack'];
type ClientMiddleware = Parameters<MiddlewareStack['add']>[0];
type Placement = { step: 'build' } | { step: 'finalizeRequest'; priority: 'low' };

/** The partition key a DynamoDB call names, if it names one key. */
const partitionKeyOf = (input: unknown) => (input as { Key?: { PK?: { S?: string } } }).Key?.PK?.S;

/**
 * Sends one registration while `middleware` sits on the handlers' DynamoDB
 * client (`build`: after the SDK's retries, as if they were used up;
 * `finalizeRequest` at low priority: inside them, once per attempt), then
 * reads which cases were stored for the worker.
 */
async function registerThrough(request: Registration, middleware: ClientMiddleware, placement: Placement) {
  const client = getDynamoDbClient();
  // The SDK types each step's overload apart; these middlewares only pass the call on or throw, at either step.
  client.middlewareStack.add(middleware, { ...placement, name: 'testFault' } as unknown as Parameters<MiddlewareStack['add']>[1]);
  let answer: ApiResponse;
  try {
    answer = await send(api, request);
  } finally {
    client.middlewareStack.remove('testFault');
  }
  return { answer, created: casesByMobile(await api.items()).get(request.mobile) ?? [] };
}

describe('a registration whose case was stored, but whose idempotency record could not be completed', () => {
  it.each(['POST /cases', 'POST /public/complaints'] as const)(
    '%s answers 201 with the case it stored, not 503 STORE_UNAVAILABLE ("nothing was written")',
    async (route) => {
      // Fails Powertools' update of its record to COMPLETED (the write after the case's transaction) as if the store were gone.
      const failed: string[] = [];
      const { answer, created } = await registerThrough(
        registration(route, 90_000_000 + (route === 'POST /cases' ? 1 : 2)),
        (next, context) => async (args) => {
          const key = partitionKeyOf(args.input);
          if (failed.length === 0 && context.commandName === 'UpdateItemCommand' && key?.startsWith('IDEMPOTENCY#')) {
            failed.push(key);
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
          }
          return next(args);
        },
        { step: 'build' },
      );

      expect(failed).toHaveLength(1);
      expect(created).toHaveLength(1);
      expect(answerContradicting(answer, created)).toBeUndefined();
      expect(answer.status).toBe(201);
    },
  );
});

describe('a registration applied but answered with a 500, whose idempotency record could then not be removed', () => {
  /**
   * The case's transaction is applied but answered with a 500; Powertools then
   * deletes its in-progress record so that a retry may run again, and that
   * delete is throttled. Powertools reports the delete's failure, not the
   * work's: heard as such, the client would be told "nothing was written".
   */
  it.each(['POST /cases', 'POST /public/complaints'] as const)(
    '%s answers 503 OUTCOME_UNKNOWN, and a retry with the same key gets the one case stored',
    async (route) => {
      const request = registration(route, 90_000_100 + (route === 'POST /cases' ? 1 : 2));
      const injected: string[] = [];
      const { answer, created } = await registerThrough(
        request,
        (next, context) => async (args) => {
          if (injected.length === 0 && context.commandName === 'TransactWriteItemsCommand') {
            await next(args);
            injected.push('transaction applied, answered 500');
            throw injectedInternalError();
          }
          const key = partitionKeyOf(args.input);
          if (injected.length === 1 && context.commandName === 'DeleteItemCommand' && key?.startsWith('IDEMPOTENCY#')) {
            injected.push('idempotency record delete throttled');
            throw injectedThrottle();
          }
          return next(args);
        },
        { step: 'build' },
      );

      expect(injected).toEqual(['transaction applied, answered 500', 'idempotency record delete throttled']);
      expect(created).toHaveLength(1);
      expect(answerContradicting(answer, created)).toBeUndefined();
      expect(answerLabel(answer)).toBe('503 OUTCOME_UNKNOWN');
      const retried = await retryUntilSettled(api, request);
      expect(retried.status).toBe(201);
      expect(retried.body.caseNumber).toBe(created[0]);
      expect(casesByMobile(await api.items()).get(request.mobile)).toEqual(created);
    },
  );
});

describe('a registration whose first attempt may have been applied, and whose SDK retries were throttled', () => {
  /**
   * Inside the SDK's retry loop: the case's transaction is applied but
   * answered with a 500, so the SDK tries again, and its retries are
   * throttled. The SDK reports only the last failure, a throttle.
   */
  it('answers 503 OUTCOME_UNKNOWN, not STORE_UNAVAILABLE, and a retry with the same key gets the one case stored', async () => {
    const request = registration('POST /cases', 90_000_200);
    const attempts: string[] = [];
    const { answer, created } = await registerThrough(
      request,
      (next, context) => async (args) => {
        if (context.commandName !== 'TransactWriteItemsCommand' || attempts.length >= 3) return next(args);
        if (attempts.length === 0) {
          await next(args);
          attempts.push('applied, answered 500');
          throw injectedInternalError();
        }
        attempts.push('throttled');
        throw injectedThrottle();
      },
      { step: 'finalizeRequest', priority: 'low' },
    );

    expect(attempts).toEqual(['applied, answered 500', 'throttled', 'throttled']);
    expect(created).toHaveLength(1);
    expect(answerLabel(answer)).toBe('503 OUTCOME_UNKNOWN');
    const retried = await retryUntilSettled(api, request);
    expect(retried.status).toBe(201);
    expect(retried.body.caseNumber).toBe(created[0]);
  });
});

describe(`fault injection: ${REQUESTS} requests at ${CONCURRENCY}-way concurrency, ${FAULT_RATE * 100}% of DynamoDB calls failing`, () => {
  it(
    'answers 503 + Retry-After (never 500), loses and duplicates no case, and keeps every invariant',
    { timeout: 600_000 },
    async () => {
      // The local server runs the real handlers in this process: this is the client their repositories use.
      const faults = injectFaults(getDynamoDbClient(), { rate: FAULT_RATE, seed: SEED });
      onTestFinished(() => faults.remove());
      const casesBefore = casesByNumber(await api.items());
      const started = Date.now();
      const registrations: { request: Registration; answer: ApiResponse }[] = [];
      const known: KnownCase[] = [];
      const claims: { caseId: string; staffId: string }[] = [];
      const closes: string[] = [];
      const tally: Record<string, number> = {};
      const unacceptable: string[] = [];
      const record = (what: string, answer: ApiResponse) => {
        const label = `${what} ${answerLabel(answer)}`;
        tally[label] = (tally[label] ?? 0) + 1;
        const wrong = unacceptableFailure(answer);
        if (wrong) unacceptable.push(`${what}: ${wrong}`);
      };

      // Prepare / Act: the load run, faults on.
      await withConcurrency(REQUESTS, CONCURRENCY, async (index) => {
        const { kind, pick } = operations[index]!;
        const inPool = known.filter((entry) => entry.state === 'in_pool');
        const claimed = known.filter((entry) => entry.state === 'claimed');
        if (kind === 'claim' && inPool.length > 0) {
          const target = inPool[pick % inPool.length]!;
          const claimer = demo(target.pool === 'mediation' ? 'mediator-heping' : 'lawyer-heping');
          const answer = await api.request('POST', `/cases/${target.caseId}/claim`, { user: claimer });
          record('claim', answer);
          if (answer.status === 200) {
            target.state = 'claimed';
            target.owner = claimer.username;
            claims.push({ caseId: target.caseId, staffId: claimer.sub });
          } else if (answer.status === 503) target.state = 'unknown';
          return;
        }
        if (kind === 'close' && claimed.length > 0) {
          const target = claimed[pick % claimed.length]!;
          const answer = await api.request('POST', `/cases/${target.caseId}/close`, { user: demo(target.owner!), body: CLOSING });
          record('close', answer);
          if (answer.status === 200) {
            target.state = 'closed';
            closes.push(target.caseId);
          } else if (answer.status === 503) target.state = 'unknown';
          return;
        }
        const request = registration(kind === 'fileComplaint' ? 'POST /public/complaints' : 'POST /cases', index);
        const answer = await send(api, request);
        record(request.route, answer);
        registrations.push({ request, answer });
        if (request.route === 'POST /cases' && answer.status === 201)
          known.push({
            caseId: answer.body.caseId,
            pool: answer.body.pool,
            state: answer.body.status === 'in_pool' ? 'in_pool' : 'unknown',
          });
      });
      faults.setEnabled(false);
      const loadSeconds = (Date.now() - started) / 1000;
      const itemsAfterLoad = await api.items();
      const afterLoad = new Map([...casesByNumber(itemsAfterLoad)].filter(([caseNumber]) => !casesBefore.has(caseNumber)));
      const createdBy = casesByMobile(itemsAfterLoad);
      const contradictions = registrations
        .map(({ request, answer }) => answerContradicting(answer, createdBy.get(request.mobile) ?? []))
        .filter(Boolean);

      // Every client told "retry later" retries with the same key, faults off.
      const settleAnswers: Record<string, number> = {};
      const settled = registrations.map(({ request, answer }) => ({ request, answer, final: answer }));
      await withConcurrency(settled.length, CONCURRENCY, async (index) => {
        const entry = settled[index]!;
        if (entry.answer.status === 503) entry.final = await retryUntilSettled(api, entry.request, settleAnswers);
      });
      const items = await api.items();
      const stored = new Map([...casesByNumber(items)].filter(([caseNumber]) => !casesBefore.has(caseNumber)));

      // Assess.
      /** Registrations (either route) answered so. */
      const count = (label: string) =>
        Object.entries(tally)
          .filter(([key]) => key.startsWith('POST /') && key.includes(label))
          .reduce((sum, [, n]) => sum + n, 0);
      const injected = FAULT_KINDS.reduce((sum, kind) => sum + faults.counts[kind], 0);
      const summary = {
        seed: SEED,
        requests: REQUESTS,
        loadSeconds: Math.round(loadSeconds),
        settleSeconds: Math.round((Date.now() - started) / 1000 - loadSeconds),
        dynamoDbCalls: faults.counts.calls,
        faultsInjected: injected,
        faultsByKind: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, faults.counts[kind]])),
        answers: tally,
        fiveHundredsOtherThan503: unacceptable.filter((line) => !/: 503/.test(line)).length,
        retriedRegistrations: settled.filter(({ answer }) => answer.status === 503).length,
        retryAnswers: settleAnswers,
        cases: stored.size,
      };
      console.info(`fault injection: ${JSON.stringify(summary)}`);

      expect(injected, 'faults reached the handlers’ client').toBeGreaterThan(0);
      expect(unacceptable, 'every failure is a 503 with Retry-After and a retry-later code').toEqual([]);
      // A 201 means the case exists, at once.
      for (const { answer } of registrations.filter(({ answer }) => answer.status === 201))
        expect(afterLoad.get(answer.body.caseNumber), `case ${answer.body.caseNumber} answered 201`).toBeDefined();
      // Nothing but OUTCOME_UNKNOWN may have written a case the client was not told of.
      // Each answer is true of its own request: 201 its case, STORE_UNAVAILABLE none, OUTCOME_UNKNOWN at most one.
      expect(contradictions).toEqual([]);
      expect(afterLoad.size).toBeGreaterThanOrEqual(count('201'));
      expect(afterLoad.size).toBeLessThanOrEqual(count('201') + count('OUTCOME_UNKNOWN'));
      // Every retry settles to a case, and each key to one case: the cases stored are exactly those answered.
      expect(settled.filter(({ final }) => final.status !== 201).map(({ final }) => answerLabel(final))).toEqual([]);
      const answeredNumbers = settled.map(({ final }) => final.body.caseNumber as string);
      expect(new Set(answeredNumbers).size).toBe(registrations.length);
      expect([...stored.keys()].sort()).toEqual([...answeredNumbers].sort());
      const settledBy = casesByMobile(items);
      for (const { request, final } of settled) expect(settledBy.get(request.mobile)).toEqual([final.body.caseNumber]);
      // A claim or close answered 200 happened.
      const byId = new Map([...stored.values()].map((caseRecord) => [caseRecord.caseId, caseRecord]));
      for (const { caseId, staffId } of claims) expect(byId.get(caseId)?.owner?.staffId).toBe(staffId);
      for (const caseId of closes) expect(byId.get(caseId)?.status).toBe('closed');
      expect(brokenInvariants(items)).toEqual([]);
    },
  );
});
