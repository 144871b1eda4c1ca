import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOBS } from '../../functions/jobs.js';
import { isInsertOf } from '../../shared/composition/stream.js';
import { ROUTES } from '../../functions/routes.js';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { CAPACITY_BUDGETS } from '../../functions/capacity-budgets.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { previousMonth } from '../../shared/domain/monthly-report.js';
import type { RouteContract } from '../../shared/http/contract.js';
import { logger } from '../../shared/observability/logger.js';
import type { CapacityTally } from '../../shared/observability/consumed-capacity.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';
import { ROUTE_EXAMPLES, caseReadyFor, exampleTarget, userAllowedOn } from '../support/route-examples.js';
import { streamRecords } from '../support/stream.js';

/**
 * Issue 14, item 3: the request units each route costs, read from the one
 * log line every request ends with (`request completed`, `capacity`), as an
 * operator reads them in the logs, and held to the route's budget
 * (functions/capacity-budgets.ts). Each route is sent one request, its own
 * documented example where it has a body, on a case in the state it acts on.
 */
let api: LocalApi;
const completions: { route: string; status: number; capacity?: CapacityTally }[] = [];

beforeAll(async () => {
  api = await startLocalApi();
  const info = logger.info.bind(logger);
  vi.spyOn(logger, 'info').mockImplementation((message: unknown, ...rest: unknown[]) => {
    if (message === 'request completed') completions.push(rest[0] as (typeof completions)[number]);
    return (info as (...args: unknown[]) => void)(message, ...rest);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.stop();
});

/** One request to the route, as its users make it, and what its log line says it consumed. */
async function measure(contract: RouteContract): Promise<{ status: number; capacity: CapacityTally }> {
  const { path, headers, body, user } = await requestFor(contract);
  const response = await api.request(contract.method, path, { ...(user ? { user } : {}), ...(body ? { body } : {}), headers });
  const route = `${contract.method} ${contract.path}`;
  const line = completions.findLast((completion) => completion.route === route);
  expect(response.status, JSON.stringify(response.body)).toBe(contract.response.status);
  return { status: line!.status, capacity: line!.capacity! };
}

interface RouteRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly user: DemoUser | undefined;
}

async function requestFor(contract: RouteContract): Promise<RouteRequest> {
  const example = ROUTE_EXAMPLES.find((candidate) => candidate.contract.name === contract.name)?.example;
  const user = userAllowedOn(contract);
  if (example !== undefined) {
    const { path, headers } = await exampleTarget(api, contract);
    return { path, headers, body: example, user };
  }
  const onCase = async (name: string) => contract.path.replace('{caseId}', await caseReadyFor(api, name));
  switch (contract.name) {
    case 'getCase':
    case 'getCaseTimeline':
      return { path: await onCase(contract.name), headers: {}, user: demo('admin-heping') };
    case 'claimCase':
      return { path: await onCase(contract.name), headers: {}, user: demo('lawyer-heping') };
    case 'acceptTransfer':
      return { path: await onCase(contract.name), headers: {}, user: demo('admin-heping') };
    case 'getPublicComplaint': {
      const filed = await api.request('POST', '/public/complaints', {
        body: ROUTE_EXAMPLES.find((candidate) => candidate.contract.name === 'fileComplaint')!.example,
      });
      return {
        path: contract.path.replace('{caseNumber}', filed.body.caseNumber),
        headers: { 'x-access-code': filed.body.accessCode },
        user: undefined,
      };
    }
    case 'acknowledgeAlert':
      return { path: contract.path.replace('{alertId}', await raiseAlert()), headers: {}, user: demo('admin-heping') };
    case 'getStaff':
      return { path: contract.path.replace('{staffId}', demo('lawyer-heping').sub), headers: {}, user };
    case 'getMonthlyReport':
      // This month's report of the city, whose districts' cases the requests above registered.
      return { path: `${contract.path}?union=210100&month=${chinaMonth(new Date())}`, headers: {}, user: demo('admin-shenyang') };
    case 'exportMonthlyReport':
      return {
        path: `${contract.path}?union=210100&month=${chinaMonth(new Date())}&format=xlsx`,
        headers: {},
        user: demo('admin-shenyang'),
      };
    case 'fileMonthlyReport': {
      const month = previousMonth(chinaMonth(new Date()));
      return {
        path: contract.path.replace('{union}', '210100').replace('{month}', month),
        headers: {},
        user: demo('admin-shenyang'),
      };
    }
    default:
      return { path: contract.path, headers: {}, user };
  }
}

/**
 * An early warning for 和平区's legal department to acknowledge, raised as in
 * production: three wage-arrears complaints against one employer, and the
 * early-warning stream job run on what its filter lets through of what they wrote.
 */
async function raiseAlert(): Promise<string> {
  for (let count = 0; count < 3; count++)
    await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint({ category: 'wage_arrears' }) });
  const job = JOBS.find((candidate) => candidate.name === 'raiseEarlyWarnings')!;
  if (!('stream' in job.trigger)) throw new Error('raiseEarlyWarnings runs off the stream');
  const { inserts } = job.trigger.stream;
  const { handler } = (await import(pathToFileURL(resolve(job.entry)).href)) as {
    handler: (event: unknown) => Promise<unknown>;
  };
  forgetCachedDirectory();
  const records = await streamRecords(api.table);
  await handler({ Records: records.filter((record) => isInsertOf(record.dynamodb?.NewImage, inserts)) });
  const alerts = await api.request('GET', '/alerts', { user: demo('admin-heping') });
  return (alerts.body.items as { alertId: string }[])[0]!.alertId;
}

const BUDGETED = ROUTES.filter(({ contract }) => CAPACITY_BUDGETS[contract.name]).map(({ contract }) => contract);

describe('request units per route', () => {
  it('every budget names a route of the table', () => {
    const names = new Set(ROUTES.map(({ contract }) => contract.name));
    expect(Object.keys(CAPACITY_BUDGETS).filter((name) => !names.has(name))).toEqual([]);
  });

  it('every route of the table has a budget', () => {
    expect(ROUTES.map(({ contract }) => contract.name).filter((name) => !CAPACITY_BUDGETS[name])).toEqual([]);
  });

  const measured: string[] = [];
  afterAll(() => {
    if (measured.length > 0) console.info(`request units per route (read / write):\n${measured.join('\n')}`);
  });

  it.each(BUDGETED.map((contract) => ({ route: `${contract.method} ${contract.path}`, contract })))(
    '$route stays within its budget',
    async ({ route, contract }) => {
      const { capacity } = await measure(contract);
      const budget = CAPACITY_BUDGETS[contract.name]!;
      measured.push(`${route}: ${capacity.readUnits} / ${capacity.writeUnits} (budget ${budget.read} / ${budget.write})`);
      expect(capacity.readUnits, `${route} read units`).toBeLessThanOrEqual(budget.read);
      expect(capacity.writeUnits, `${route} write units`).toBeLessThanOrEqual(budget.write);
    },
  );
});
