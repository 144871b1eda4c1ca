import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../scripts/local/dynamodb-local.js';
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
 * Issue 12, evidence: DynamoDB killed mid-run. A DynamoDB Local of this file's
 * own, on disk (not in memory, so the data outlives the process), is killed
 * with SIGKILL in the middle of a burst of registrations and started again on
 * the same port and data directory. Once it is back, every case number of a
 * union's day from 1 to the last one taken is either a case that exists or a
 * gap explained by the answers clients got: each request that did not end in
 * a case (a 503) may have taken at most one number, so a union may have no
 * more gaps than such requests. (The run's shared DynamoDB Local is never
 * touched: other files use it.)
 */
const BURST = runs(60, 250, 500);
const CONCURRENCY = 16;
/**
 * The database dies once this many registrations have been answered, while
 * others are in flight; the requests started until RESTART_AT meet it dead,
 * the rest wait for it to be back (a client whose retries have given up and
 * who comes back later).
 */
const KILL_AT = Math.floor(BURST / 3);
const RESTART_AT = KILL_AT + CONCURRENCY + Math.floor(BURST / 10);
const SEED = Number(process.env.WEIQUAN_FAULT_SEED) || Math.floor(Math.random() * 2 ** 31);

/** Where each route files in the demo data: the 和平区 operator's hotline cases, the documented online example's 沈河区. */
const UNION_OF: Record<Registration['route'], string> = { 'POST /cases': '210102', 'POST /public/complaints': '210103' };

let dataDirectory: string;
let dynamoDb: RunningDynamoDb;
let api: LocalApi;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'weiquan-killed-'));
  dynamoDb = await startDynamoDbLocal({ persistDir: dataDirectory });
  api = await startLocalApi({ dynamoDbEndpoint: dynamoDb.endpoint });
}, 400_000);
afterAll(async () => {
  await api?.stop();
  await dynamoDb?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

describe(`DynamoDB Local killed in the middle of ${BURST} registrations`, () => {
  it('explains every gap in the case numbers by a client told to retry, and loses no case', { timeout: 600_000 }, async () => {
    const port = Number(new URL(dynamoDb.endpoint).port);
    const routes = fc.sample(fc.constantFrom<Registration['route']>('POST /cases', 'POST /public/complaints'), {
      seed: SEED,
      numRuns: BURST,
    });
    const sent: { request: Registration; answer: ApiResponse }[] = [];
    let restarted!: (running: RunningDynamoDb) => void;
    const back = new Promise<RunningDynamoDb>((resolve) => (restarted = resolve));
    let downFor = 0;

    // Act: the burst; the database is killed part-way and brought back on the same port and files.
    let answered = 0;
    await withConcurrency(BURST, CONCURRENCY, async (index) => {
      if (index >= RESTART_AT) dynamoDb = await back;
      const request = registration(routes[index]!, index);
      sent.push({ request, answer: await send(api, request) });
      if (++answered !== KILL_AT) return;
      await dynamoDb.crash();
      const killedAt = Date.now();
      void startDynamoDbLocal({ port, persistDir: dataDirectory }).then((running) => {
        downFor = Date.now() - killedAt;
        restarted(running);
      });
    });
    const items = await api.items();
    const stored = casesByNumber(items);
    const createdBy = casesByMobile(items);
    const contradictions = sent
      .map(({ request, answer }) => answerContradicting(answer, createdBy.get(request.mobile) ?? []))
      .filter(Boolean);

    // Assess: the numbers each union took, and what became of each.
    const gaps: string[] = [];
    let gapsExplained = 0;
    const unexplained: string[] = [];
    const perUnion: Record<string, Record<string, number>> = {};
    for (const counter of items.filter((item) => (item.SK as string).startsWith('CASESEQ#'))) {
      const unionCode = (counter.PK as string).slice('UNION#'.length);
      const day = (counter.SK as string).slice('CASESEQ#'.length);
      const answers = sent.filter(({ request }) => UNION_OF[request.route] === unionCode);
      let cases = 0;
      let voided = 0;
      let missing = 0;
      for (let sequence = 1; sequence <= (counter.last as number); sequence++) {
        const caseNumber = `${unionCode}-${day}-${String(sequence).padStart(4, '0')}`;
        const reservation = items.find((item) => item.PK === `CASENO#${caseNumber}`);
        if (reservation?.entity === 'caseNumber' && stored.has(caseNumber)) cases++;
        else if (reservation?.entity === 'voidedCaseNumber') {
          voided++;
          gaps.push(`${caseNumber} voided (${reservation.reason as string})`);
        } else {
          missing++;
          gaps.push(`${caseNumber} missing`);
        }
      }
      const created = answers.filter(({ answer }) => answer.status === 201).length;
      const notCreated = answers.length - cases;
      gapsExplained += Math.min(voided + missing, notCreated);
      // Each request takes at most one number; one that ended in a case used it for that case.
      if (voided + missing > notCreated)
        unexplained.push(`${unionCode}: ${voided + missing} gaps, but only ${notCreated} requests did not end in a case`);
      // A case no client heard of must come from a request answered OUTCOME_UNKNOWN, never from a STORE_UNAVAILABLE.
      const unknown = answers.filter(({ answer }) => answer.body?.error?.code === 'OUTCOME_UNKNOWN').length;
      if (cases > created + unknown)
        unexplained.push(`${unionCode}: ${cases} cases, but only ${created} answered 201 and ${unknown} OUTCOME_UNKNOWN`);
      perUnion[unionCode] = {
        requests: answers.length,
        created201: created,
        cases,
        numbersTaken: counter.last as number,
        voided,
        missing,
      };
    }

    const tally: Record<string, number> = {};
    for (const { answer } of sent) tally[answerLabel(answer)] = (tally[answerLabel(answer)] ?? 0) + 1;
    const settleAnswers: Record<string, number> = {};
    const settled = sent.map(({ answer }) => answer);
    await withConcurrency(sent.length, CONCURRENCY, async (index) => {
      if (settled[index]!.status === 503) settled[index] = await retryUntilSettled(api, sent[index]!.request, settleAnswers);
    });
    const afterRetries = await api.items();
    console.info(
      `database killed: ${JSON.stringify({
        seed: SEED,
        requests: BURST,
        downForSeconds: Math.round(downFor / 1000),
        answers: tally,
        fiveHundredsOtherThan503: sent.filter(({ answer }) => answer.status >= 500 && answer.status !== 503).length,
        perUnion,
        gapsFound: gaps.length,
        gapsExplained,
        gaps,
        contradictions,
        retryAnswers: settleAnswers,
      })}`,
    );

    expect(sent.filter(({ answer }) => answer.status === 503).length, 'the kill was felt').toBeGreaterThan(0);
    expect(sent.map(({ answer }) => unacceptableFailure(answer)).filter(Boolean)).toEqual([]);
    for (const { answer } of sent.filter(({ answer }) => answer.status === 201))
      expect(stored.get(answer.body.caseNumber), `case ${answer.body.caseNumber} answered 201`).toBeDefined();
    // Each answer is true of its own request: 201 its case, STORE_UNAVAILABLE none, OUTCOME_UNKNOWN at most one.
    expect(contradictions).toEqual([]);
    expect(unexplained).toEqual([]);
    expect(brokenInvariants(items)).toEqual([]);
    // Once it is back, a retry with the same key settles every registration to one case.
    expect(settled.filter((answer) => answer.status !== 201).map(answerLabel)).toEqual([]);
    const answeredNumbers = settled.map((answer) => answer.body.caseNumber as string);
    expect(new Set(answeredNumbers).size).toBe(BURST);
    expect([...casesByNumber(afterRetries).keys()].sort()).toEqual([...answeredNumbers].sort());
    expect(brokenInvariants(afterRetries)).toEqual([]);
  });
});
