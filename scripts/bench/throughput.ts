/**
 * Part of `npm run bench`: how many registrations per second the whole stack
 * takes (HTTP → local server → authorizer → handler → DynamoDB Local, exactly
 * what `npm start` serves), next to the raw store: the same two writes a
 * registration makes (the day's case number, then the registration
 * transaction) sent by a bare DocumentClient (no HTTP, no handler, no
 * middleware) at the same concurrency, against the same DynamoDB Local.
 * DynamoDB Local serialises transactions, so the raw rate is the ceiling; the
 * figure is the ratio, and the stack's p99 against its p50.
 *
 * The two alternate in short slices (raw, stack, raw, stack, …) so drift in
 * the machine's load falls on both alike.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
}

/** `connections` workers, each sending one operation after the other, for `seconds`. */
async function drive(connections: number, seconds: number, operation: () => Promise<void>, tally: Tally): Promise<void> {
  const started = performance.now();
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
}

function sideOf(tally: Tally): Side {
  return {
    operations: tally.latenciesMs.length,
    failures: tally.failures,
    seconds: tally.seconds,
    perSecond: tally.latenciesMs.length / tally.seconds,
    p50Ms: median(tally.latenciesMs),
    p99Ms: percentile(tally.latenciesMs, 99),
  };
}

export async function benchThroughput(options: ThroughputOptions): Promise<ThroughputLevel[]> {
  const tableName = `bench-throughput-${randomUUID()}`;
  const environment = await startLocalEnvironment({ port: 0, dynamoDbEndpoint: options.dynamoDbEndpoint, tableName });
  const bare = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: options.dynamoDbEndpoint,
      region: LOCAL_AWS_ENV.AWS_REGION,
      credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
      requestHandler: { httpAgent: { maxSockets: 512 } },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  try {
    const token = await signLocalToken(OPERATOR, environment.baseUrl);
    const url = `${environment.baseUrl}/cases`;
    const viaStack = async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'application/json' },
        body: SAMPLE.body,
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`POST /cases answered ${response.status}`);
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

    const levels: ThroughputLevel[] = [];
    for (const connections of options.connections) {
      const stack: Tally = { latenciesMs: [], failures: 0, seconds: 0 };
      const raw: Tally = { latenciesMs: [], failures: 0, seconds: 0 };
      // Warm both paths (connections, JIT, the directory cache) before anything counts.
      await drive(connections, 1, direct, { latenciesMs: [], failures: 0, seconds: 0 });
      await drive(connections, 1, viaStack, { latenciesMs: [], failures: 0, seconds: 0 });
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
    bare.destroy();
    await environment.stop();
  }
}
