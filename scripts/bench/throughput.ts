/**
 * Part of `npm run bench`: how many registrations per second the whole stack
 * takes (HTTP → local server → authorizer → handler → DynamoDB Local, exactly
 * what `npm start` serves), next to the raw store: the same two writes a
 * registration makes (the day's case number, then the registration
 * transaction, each asking for its consumed capacity as the product does)
 * sent by a bare DocumentClient (no HTTP, no handler, no middleware of ours)
 * at the same concurrency, against the same DynamoDB Local.
 * DynamoDB Local serialises transactions, so the raw rate is the ceiling; the
 * figure is the ratio, and the stack's p99 against its p50.
 *
 * The two alternate in short slices, in pairs whose order alternates (raw
 * then stack, stack then raw, …), so drift in the machine's load or in the
 * store's speed (its table grows by every registration) falls on both alike
 * instead of always on the side that runs second. Each request's wait on
 * DynamoDB Local's answers is timed on both sides, so a slow request can be
 * told apart: slow because the store answered slowly, or slow in the stack.
 * DynamoDB Local's own CPU time is read around every slice, so a lower rate
 * can be told apart too: the store kept less busy, or the store spending more
 * per registration (bench/rate.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '../../shared/domain/china-time.js';
import { staffActor } from '../../shared/domain/cases.js';
import { planRegistration, registrationContext } from '../../shared/domain/registration.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import { RegisterCaseBody } from '../../shared/schemas/case.js';
import { CaseRepository } from '../../shared/store/case-repository.js';
import { getDynamoDbClient } from '../../shared/store/client.js';
import { signLocalToken } from '../local/auth.js';
import { DEMO_UNIONS, demoUser } from '../local/demo-data.js';
import { LOCAL_AWS_ENV } from '../local/dynamodb-local.js';
import { startLocalEnvironment } from '../local/environment.js';
import { currentInvocation } from '../local/server.js';
import { processCpuMs } from './process-cpu.js';
import { median, percentile } from './stats.js';

export interface ThroughputOptions {
  readonly dynamoDbEndpoint: string;
  /** DynamoDB Local's process, whose CPU time each slice reads (see bench/rate.ts). */
  readonly dynamoDbPid?: number;
  readonly connections: readonly number[];
  /** Slices per side and level (even, so each order of a pair comes equally often); each side gets `slices × sliceSeconds` of measured time. */
  readonly slices: number;
  readonly sliceSeconds: number;
  readonly progress: (message: string) => void;
}

export interface Side {
  readonly operations: number;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Per request, the time spent waiting on DynamoDB Local's answers, and the rest (the side's own time). */
  readonly storeP50Ms: number;
  readonly storeP99Ms: number;
  readonly ownP50Ms: number;
  readonly ownP99Ms: number;
  /**
   * The longest this process's event loop was held up while the side ran: a
   * wait the store's answers could not be read in, counted in store wait.
   */
  readonly eventLoopMaxDelayMs: number;
  /** Node CPU per registration in this process (load generator included on both sides). */
  readonly cpuMsPerOperation: number;
  /** DynamoDB Local's CPU per registration, and its CPU per second (cores kept busy); absent where unreadable. */
  readonly storeCpuMsPerOperation?: number;
  readonly storeCores?: number;
}

export interface ThroughputLevel {
  readonly connections: number;
  readonly stack: Side;
  readonly raw: Side;
  /**
   * Stack ÷ raw rate of each pair of slices run back to back, and their
   * median: the level's figure. Paired and medianed so that a stall of the
   * store in one slice (about half a second, a third of a default slice) does
   * not decide it for whichever side it fell on; the pooled rates are in the
   * sides.
   */
  readonly pairedRateRatios: readonly number[];
  readonly rateRatio: number;
  /**
   * Stack ÷ raw of the cores DynamoDB Local kept busy in each pair of slices,
   * and their median; absent where its CPU time cannot be read (see
   * bench/rate.ts).
   */
  readonly pairedStoreBusyRatios?: readonly number[];
  readonly storeBusyRatio?: number;
}

/** The documented sample registration (events/registerCase.json), as an operator of 和平区 sends it. */
const SAMPLE = JSON.parse(readFileSync(new URL('../../events/registerCase.json', import.meta.url), 'utf8')) as { body: string };
const OPERATOR = demoUser('op-heping')!;

interface Tally {
  readonly latenciesMs: number[];
  /** Per request, in the same order: its wait on DynamoDB Local's answers. */
  readonly storeWaitsMs: number[];
  failures: number;
  seconds: number;
  /** CPU this Node process spent (user + system): on the stack's side that includes the server and the handler. */
  cpuMs: number;
  eventLoopMaxDelayMs: number;
  /** Registrations per second of each drive (slice) in turn. */
  readonly sliceRates: number[];
  /** DynamoDB Local's CPU in each drive, as cores kept busy (CPU ms ÷ elapsed ms); undefined where unreadable. */
  readonly sliceStoreCores: (number | undefined)[];
  storeCpuMs: number;
}

/** Each operation's wait on DynamoDB Local so far, by operation id (a stack request's `x-request-id`, or a raw operation's). */
const storeWaitMs = new Map<string, number>();

/** The raw operation running now, for timeStoreWaits. */
const rawOperation = new AsyncLocalStorage<string>();

/**
 * Times every attempt of every call `client` sends, from the request leaving
 * to its answer parsed, and adds it to the operation that sent it. Per
 * attempt (finalizeRequest at low priority runs after the SDK's retry step):
 * a retry's back-off is the caller's own time, not the store's.
 */
function timeStoreWaits(client: DynamoDBClient, operationOf: () => string | undefined): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const operation = operationOf();
      const sent = performance.now();
      try {
        return await next(args);
      } finally {
        if (operation !== undefined) storeWaitMs.set(operation, (storeWaitMs.get(operation) ?? 0) + performance.now() - sent);
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'benchTimeStoreWaits' },
  );
}

/** The wait on the store of a finished operation, forgotten once read. */
function takeStoreWait(operation: string): number {
  const waited = storeWaitMs.get(operation) ?? 0;
  storeWaitMs.delete(operation);
  return waited;
}

/**
 * `connections` workers, each sending one operation (which resolves its id)
 * after the other, for `seconds`; DynamoDB Local's CPU is read around it when
 * `storePid` is given.
 */
async function drive(
  connections: number,
  seconds: number,
  operation: () => Promise<string>,
  tally: Tally,
  storePid?: number,
): Promise<void> {
  const storeCpuBefore = processCpuMs(storePid);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const doneBefore = tally.latenciesMs.length;
  const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
  eventLoopDelay.enable();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          const id = await operation();
          tally.latenciesMs.push(performance.now() - sent);
          tally.storeWaitsMs.push(takeStoreWait(id));
        } catch {
          tally.failures += 1;
        }
      }
    }),
  );
  eventLoopDelay.disable();
  tally.eventLoopMaxDelayMs = Math.max(tally.eventLoopMaxDelayMs, eventLoopDelay.max / 1e6);
  const elapsedSeconds = (performance.now() - started) / 1000;
  tally.seconds += elapsedSeconds;
  tally.sliceRates.push((tally.latenciesMs.length - doneBefore) / elapsedSeconds);
  const cpu = process.cpuUsage(cpuBefore);
  tally.cpuMs += (cpu.user + cpu.system) / 1000;
  const storeCpuAfter = processCpuMs(storePid);
  const storeCpuMs = storeCpuBefore !== undefined && storeCpuAfter !== undefined ? storeCpuAfter - storeCpuBefore : undefined;
  tally.sliceStoreCores.push(storeCpuMs === undefined ? undefined : storeCpuMs / (elapsedSeconds * 1000));
  tally.storeCpuMs += storeCpuMs ?? Number.NaN;
}

/** POSTs `body`, reads the answer to its end, resolves its status and `x-request-id`. */
function post(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        answer.resume();
        answer.once('end', () => resolve({ status: answer.statusCode ?? 0, requestId: String(answer.headers['x-request-id']) }));
        answer.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

const newTally = (): Tally => ({
  latenciesMs: [],
  storeWaitsMs: [],
  failures: 0,
  seconds: 0,
  cpuMs: 0,
  eventLoopMaxDelayMs: 0,
  sliceRates: [],
  sliceStoreCores: [],
  storeCpuMs: 0,
});

/** Warm-up: one-second windows, at least `minSeconds`, then until the last three agree, at most `maxSeconds`. */
const WARM_UP = { windowSeconds: 1, minSeconds: 15, windowsThatAgree: 3, spread: 1.15, maxSeconds: 20 } as const;

/**
 * A fresh DynamoDB Local is a cold JVM: measured from its start, its own
 * registration rate rises for 15-20 s on 2 cores (about 10/s in the first
 * seconds, 50-75/s once compiled) and its p99 is several times its p50,
 * from the mix of slow early and fast later requests, on the raw side as on
 * the stack's. A store in service is warm, so nothing counts until its rate
 * has settled: one-second windows of raw registrations at the highest
 * concurrency, at least 15 s, then until the last three agree within 15 %
 * (capped at 20 s).
 */
async function warmStoreUntilSteady(
  connections: number,
  direct: () => Promise<string>,
  options: ThroughputOptions,
): Promise<void> {
  const rates: number[] = [];
  options.progress('warming DynamoDB Local ');
  while (rates.length * WARM_UP.windowSeconds < WARM_UP.maxSeconds) {
    const window = newTally();
    await drive(connections, WARM_UP.windowSeconds, direct, window);
    rates.push(window.latenciesMs.length / window.seconds);
    options.progress('.');
    const last = rates.slice(-WARM_UP.windowsThatAgree);
    const settled = Math.max(...last) <= Math.min(...last) * WARM_UP.spread;
    if (rates.length * WARM_UP.windowSeconds >= WARM_UP.minSeconds && settled) break;
  }
  options.progress(` ${rates.length} s, ${rates.at(-1)!.toFixed(0)}/s; `);
}

function sideOf(tally: Tally): Side {
  const ownMs = tally.latenciesMs.map((latency, index) => latency - tally.storeWaitsMs[index]!);
  return {
    operations: tally.latenciesMs.length,
    failures: tally.failures,
    seconds: tally.seconds,
    perSecond: tally.latenciesMs.length / tally.seconds,
    p50Ms: median(tally.latenciesMs),
    p99Ms: percentile(tally.latenciesMs, 99),
    storeP50Ms: median(tally.storeWaitsMs),
    storeP99Ms: percentile(tally.storeWaitsMs, 99),
    ownP50Ms: median(ownMs),
    ownP99Ms: percentile(ownMs, 99),
    eventLoopMaxDelayMs: tally.eventLoopMaxDelayMs,
    cpuMsPerOperation: tally.cpuMs / tally.latenciesMs.length,
    ...(Number.isFinite(tally.storeCpuMs)
      ? {
          storeCpuMsPerOperation: tally.storeCpuMs / tally.latenciesMs.length,
          storeCores: tally.storeCpuMs / (tally.seconds * 1000),
        }
      : {}),
  };
}

/** Stack ÷ raw of DynamoDB Local's busy cores in each pair of slices, or undefined if any slice's could not be read. */
function pairedStoreBusyRatios(stack: Tally, raw: Tally): number[] | undefined {
  const ratios = stack.sliceStoreCores.map((cores, slice) => {
    const rawCores = raw.sliceStoreCores[slice];
    return cores === undefined || rawCores === undefined ? undefined : cores / rawCores;
  });
  return ratios.every((ratio) => ratio !== undefined && Number.isFinite(ratio)) ? (ratios as number[]) : undefined;
}

export async function benchThroughput(options: ThroughputOptions): Promise<ThroughputLevel[]> {
  const tableName = `bench-throughput-${randomUUID()}`;
  const environment = await startLocalEnvironment({ port: 0, dynamoDbEndpoint: options.dynamoDbEndpoint, tableName });
  const bareClient = new DynamoDBClient({
    endpoint: options.dynamoDbEndpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
    requestHandler: { httpAgent: { maxSockets: 512 } },
  });
  // The product's client asks DynamoDB for the consumed capacity on every call (shared/store/client.ts), and
  // computing it is work for DynamoDB Local: the bare client asks too, so both sides send the same requests.
  bareClient.middlewareStack.add(
    (next) => async (args) => next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } }),
    { step: 'initialize', name: 'sameRequestsAsTheProduct' },
  );
  timeStoreWaits(bareClient, () => rawOperation.getStore());
  // The handlers run in this process, on the product's own client; the local server names each invocation's request.
  timeStoreWaits(getDynamoDbClient(), () => currentInvocation.getStore()?.requestId);
  const bare = DynamoDBDocumentClient.from(bareClient, { marshallOptions: { removeUndefinedValues: true } });
  // The load generator shares the Node process (and the 2 cores) with the server, so it is node:http on kept-alive
  // sockets: fetch costs about 2 ms of CPU per request here, charged to the stack's side of the comparison.
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...options.connections) });
  try {
    const token = await signLocalToken(OPERATOR, environment.baseUrl);
    const url = new URL('/cases', environment.baseUrl);
    const viaStack = async () => {
      const { status, requestId } = await post(
        agent,
        url,
        { authorization: token, 'content-type': 'application/json' },
        SAMPLE.body,
      );
      if (status !== 201) {
        takeStoreWait(requestId);
        throw new Error(`POST /cases answered ${status}`);
      }
      return requestId;
    };

    const directory = new UnionDirectory(DEMO_UNIONS);
    const input = RegisterCaseBody.parse(JSON.parse(SAMPLE.body));
    const caller = { staffId: OPERATOR.sub, username: OPERATOR.username, roles: [OPERATOR.role], unionCode: OPERATOR.unionCode };
    const cases = new CaseRepository({ client: bare, tableName });
    const direct = () => {
      const id = randomUUID();
      return rawOperation.run(id, registerDirectly).then(
        () => id,
        (error: unknown) => {
          takeStoreWait(id);
          throw error;
        },
      );
    };
    const registerDirectly = async () => {
      const now = new Date();
      await cases.register(input.regionCode, chinaDate(now), (sequence) =>
        planRegistration(
          input,
          registrationContext(directory, input.regionCode, {
            caseId: randomUUID(),
            sequence,
            phoneHash: 'bench',
            now,
            actor: staffActor(caller, 'operator'),
            newEventId: randomUUID,
          }),
        ),
      );
    };

    await warmStoreUntilSteady(Math.max(...options.connections), direct, options);
    const levels: ThroughputLevel[] = [];
    for (const connections of options.connections) {
      const stack = newTally();
      const raw = newTally();
      // The store and the raw path are warm; the stack's path warms at this level (sockets, Node's JIT, the directory cache).
      await drive(connections, 1, viaStack, newTally());
      for (let slice = 0; slice < options.slices; slice++) {
        const pair = [
          () => drive(connections, options.sliceSeconds, direct, raw, options.dynamoDbPid),
          () => drive(connections, options.sliceSeconds, viaStack, stack, options.dynamoDbPid),
        ];
        for (const side of slice % 2 === 0 ? pair : pair.reverse()) await side();
        options.progress('.');
      }
      const pairedRateRatios = stack.sliceRates.map((rate, slice) => rate / raw.sliceRates[slice]!);
      const busyRatios = pairedStoreBusyRatios(stack, raw);
      levels.push({
        connections,
        stack: sideOf(stack),
        raw: sideOf(raw),
        pairedRateRatios,
        rateRatio: median(pairedRateRatios),
        ...(busyRatios ? { pairedStoreBusyRatios: busyRatios, storeBusyRatio: median(busyRatios) } : {}),
      });
      options.progress(` ${connections} connections done\n`);
    }
    return levels;
  } finally {
    agent.destroy();
    bare.destroy();
    await environment.stop();
  }
}
