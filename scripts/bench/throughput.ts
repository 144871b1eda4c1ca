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
 * The two alternate in short slices (raw, stack, raw, stack, …) so drift in
 * the machine's load falls on both alike.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '../../shared/domain/china-time.js';
import { staffActor } from '../../shared/domain/cases.js';
import { planRegistration, registrationContext } from '../../shared/domain/registration.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import { RegisterCaseBody } from '../../shared/schemas/case.js';
import { CaseRepository } from '../../shared/store/case-repository.js';
import { signLocalToken } from '../local/auth.js';
import { DEMO_UNIONS, demoUser } from '../local/demo-data.js';
import { LOCAL_AWS_ENV } from '../local/dynamodb-local.js';
import { startLocalEnvironment } from '../local/environment.js';
import { median, percentile } from './stats.js';

export interface ThroughputOptions {
  readonly dynamoDbEndpoint: string;
  readonly connections: readonly number[];
  /** Slices per side and level; each side gets `slices × sliceSeconds` of measured time. */
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
  /** Node CPU per registration in this process (load generator included on both sides). */
  readonly cpuMsPerOperation: number;
}

export interface ThroughputLevel {
  readonly connections: number;
  readonly stack: Side;
  readonly raw: Side;
}

/** The documented sample registration (events/registerCase.json), as an operator of 和平区 sends it. */
const SAMPLE = JSON.parse(readFileSync(new URL('../../events/registerCase.json', import.meta.url), 'utf8')) as { body: string };
const OPERATOR = demoUser('op-heping')!;

interface Tally {
  readonly latenciesMs: number[];
  failures: number;
  seconds: number;
  /** CPU this Node process spent (user + system): on the stack's side that includes the server and the handler. */
  cpuMs: number;
}

/** `connections` workers, each sending one operation after the other, for `seconds`. */
async function drive(connections: number, seconds: number, operation: () => Promise<void>, tally: Tally): Promise<void> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          await operation();
          tally.latenciesMs.push(performance.now() - sent);
        } catch {
          tally.failures += 1;
        }
      }
    }),
  );
  tally.seconds += (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  tally.cpuMs += (cpu.user + cpu.system) / 1000;
}

/** POSTs `body`, reads the answer to its end, resolves its status. */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        answer.resume();
        answer.once('end', () => resolve(answer.statusCode ?? 0));
        answer.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

const newTally = (): Tally => ({ latenciesMs: [], failures: 0, seconds: 0, cpuMs: 0 });

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
async function warmStoreUntilSteady(connections: number, direct: () => Promise<void>, options: ThroughputOptions): Promise<void> {
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
  return {
    operations: tally.latenciesMs.length,
    failures: tally.failures,
    seconds: tally.seconds,
    perSecond: tally.latenciesMs.length / tally.seconds,
    p50Ms: median(tally.latenciesMs),
    p99Ms: percentile(tally.latenciesMs, 99),
    cpuMsPerOperation: tally.cpuMs / tally.latenciesMs.length,
  };
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
  const bare = DynamoDBDocumentClient.from(bareClient, { marshallOptions: { removeUndefinedValues: true } });
  // The load generator shares the Node process (and the 2 cores) with the server, so it is node:http on kept-alive
  // sockets: fetch costs about 2 ms of CPU per request here, charged to the stack's side of the comparison.
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...options.connections) });
  try {
    const token = await signLocalToken(OPERATOR, environment.baseUrl);
    const url = new URL('/cases', environment.baseUrl);
    const viaStack = async () => {
      const status = await post(agent, url, { authorization: token, 'content-type': 'application/json' }, SAMPLE.body);
      if (status !== 201) throw new Error(`POST /cases answered ${status}`);
    };

    const directory = new UnionDirectory(DEMO_UNIONS);
    const input = RegisterCaseBody.parse(JSON.parse(SAMPLE.body));
    const caller = { staffId: OPERATOR.sub, username: OPERATOR.username, roles: [OPERATOR.role], unionCode: OPERATOR.unionCode };
    const cases = new CaseRepository({ client: bare, tableName });
    const direct = async () => {
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
        await drive(connections, options.sliceSeconds, direct, raw);
        await drive(connections, options.sliceSeconds, viaStack, stack);
        options.progress('.');
      }
      levels.push({ connections, stack: sideOf(stack), raw: sideOf(raw) });
      options.progress(` ${connections} connections done\n`);
    }
    return levels;
  } finally {
    agent.destroy();
    bare.destroy();
    await environment.stop();
  }
}
