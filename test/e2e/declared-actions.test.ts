import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.js';
import { ROUTES } from '../../functions/routes.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { previousMonth } from '../../shared/domain/monthly-report.js';
import type { DataAccess } from '../../shared/http/contract.js';
import { getDynamoDbClient } from '../../shared/store/client.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi, type RequestOptions } from '../support/local-api.js';
import { ROUTE_EXAMPLES, caseReadyFor, exampleTarget, userAllowedOn } from '../support/route-examples.js';
import { streamRecords } from '../support/stream.js';
import { recordTableActions, type TableActionRecorder } from '../support/table-actions.js';

/**
 * Every route's contract declares the DynamoDB actions and indexes its
 * function is granted (the stack turns them into its IAM policy). DynamoDB
 * Local enforces no IAM, so a missing grant would show only in the cloud, as
 * an AccessDenied on a user's request. Here every route is driven as its users
 * drive it, each DynamoDB call its handler issues is recorded (SDK
 * middleware, attributed to the route the local server invokes), and the
 * recorded actions must all be declared. The background jobs are run the same
 * way against what the routes wrote.
 */
let api: LocalApi;
let recorder: TableActionRecorder;
/** Route name → the statuses it answered. */
const answered = new Map<string, number[]>();

/**
 * Sends a route's request as to a fresh container: the union directory is
 * cached per container, and here one process serves every route, so without
 * this only the first route to need the directory would be seen reading it.
 */
async function send(routeName: string, path: string, options: RequestOptions = {}) {
  const { contract } = ROUTES.find((route) => route.contract.name === routeName)!;
  forgetCachedDirectory();
  const response = await api.request(contract.method, path, options);
  answered.set(routeName, [...(answered.get(routeName) ?? []), response.status]);
  return response;
}

/** Runs a job's handler on `event`, as its trigger would, attributed to the job. */
async function runJob(name: string, event: unknown): Promise<unknown> {
  const job = JOBS.find((candidate) => candidate.name === name)!;
  const { handler } = (await import(pathToFileURL(resolve(job.entry)).href)) as {
    handler: (event: unknown) => Promise<unknown>;
  };
  forgetCachedDirectory();
  return recorder.as(name, () => handler(event));
}

/** Every route with its documented example; then those without a body, on the resources the examples made. */
async function driveEveryRoute(): Promise<void> {
  for (const { contract, example } of ROUTE_EXAMPLES) {
    const user = userAllowedOn(contract);
    const { path, headers } = await exampleTarget(api, contract);
    await send(contract.name, path, { ...(user ? { user } : {}), body: example, headers });
  }

  const admin = { user: demo('admin-heping') };
  const cityAdmin = { user: demo('admin-shenyang') };
  const month = chinaMonth(new Date());
  const claimable = await caseReadyFor(api, 'claimCase');
  await send('getCase', `/cases/${claimable}`, admin);
  await send('getCaseTimeline', `/cases/${claimable}/timeline`, admin);
  await send('getPool', '/pool', { user: demo('lawyer-heping') });
  await send('claimCase', `/cases/${claimable}/claim`, { user: demo('lawyer-heping') });
  const transferred = await caseReadyFor(api, 'acceptTransfer');
  await send('listTransfers', '/transfers', admin);
  await send('acceptTransfer', `/cases/${transferred}/transfer/accept`, admin);
  // A list at each level of the hierarchy (each queries its own index), with and without filters.
  await send('listCases', '/cases', admin);
  await send('listCases', `/cases?month=${month}&status=registered`, cityAdmin);
  await send('listCases', '/cases?overdue=true', { user: demo('admin-liaoning') });
  const firstPage = await send('listCases', '/cases?limit=1', cityAdmin);
  if (typeof firstPage.body?.nextCursor === 'string')
    await send('listCases', `/cases?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, cityAdmin);
  await send('listStaff', '/staff', admin);
  await send('getStaff', `/staff/${demo('lawyer-heping').sub}`, admin);
  await send('listUnions', '/unions', admin);
  await send('getOpenApi', '/openapi.json');
  await send('getMonthlyReport', `/reports/monthly?month=${month}`, cityAdmin);
  await send('exportMonthlyReport', `/reports/monthly/export?month=${previousMonth(month)}&to=${month}&format=csv`, cityAdmin);
  await send('exportMonthlyReport', `/reports/monthly/export?month=${month}&format=xlsx`, cityAdmin);
  await send('fileMonthlyReport', `/reports/210100/${previousMonth(month)}/file`, cityAdmin);
  const { path, headers } = await exampleTarget(
    api,
    ROUTES.find((route) => route.contract.name === 'getPublicComplaint')!.contract,
  );
  await send('getPublicComplaint', path, { headers });

  // Three wage-arrears complaints against one employer: the stream consumer raises an early warning on them.
  for (let count = 0; count < 3; count++)
    await send('registerCase', '/cases', { user: demo('op-heping'), body: complaint({ category: 'wage_arrears' }) });
  await runJob('raiseEarlyWarnings', { Records: await streamRecords(api.table) });
  // The warning's notices and the registrations' acknowledgements.
  await runJob('deliverNotifications', { Records: await streamRecords(api.table) });
  await runJob('sweepClocks', JSON.parse(readFileSync('events/sweepClocks.json', 'utf8')));
  await runJob('reconcileMonthlyFigures', JSON.parse(readFileSync('events/reconcileMonthlyFigures.json', 'utf8')));
  const alerts = await send('listAlerts', '/alerts', admin);
  const alertId = (alerts.body?.items as { alertId: string }[] | undefined)?.[0]?.alertId;
  if (alertId) await send('acknowledgeAlert', `/alerts/${alertId}/acknowledge`, admin);
}

beforeAll(async () => {
  api = await startLocalApi();
  // The handlers' own client (module scope in shared/store/client.ts), created now that the environment points at the
  // API's table.
  recorder = recordTableActions(getDynamoDbClient());
  await driveEveryRoute();
}, 120_000);

afterAll(async () => {
  recorder?.stop();
  await api?.stop();
});

const routeCases = ROUTES.map(({ contract }) => ({
  name: contract.name,
  data: contract.data,
  success: contract.response.status,
}));
const jobCases = JOBS.map(({ name, data }) => ({ name, data }));

/** What was recorded for `name` and is not among `data`'s declared actions and indexes. */
function undeclared(name: string, data: DataAccess) {
  return {
    actions: [...(recorder.actions.get(name) ?? [])].filter((action) => !(data.actions as readonly string[]).includes(action)),
    indexes: [...(recorder.indexes.get(name) ?? [])].filter((index) => !(data.indexes as readonly string[]).includes(index)),
  };
}

describe('DynamoDB actions each route issues, against its contract’s grants', () => {
  it.each(routeCases)('$name was driven and answered its success status', ({ name, success }) => {
    expect(answered.get(name), `${name} was never requested: drive it in driveEveryRoute`).toBeDefined();
    expect(answered.get(name)).toContain(success);
  });

  it.each(routeCases)('$name issues only the actions and indexes its contract declares', ({ name, data }) => {
    expect(undeclared(name, data)).toEqual({ actions: [], indexes: [] });
  });

  it('records what the routes issue (the recorder is attached to the handlers’ client)', () => {
    expect(recorder.actions.get('registerCase')).toContain('dynamodb:PutItem');
    expect(recorder.indexes.get('getPool')).toContain('casesInPool');
  });
});

describe('DynamoDB actions each background job issues, against its grants', () => {
  it.each(jobCases)('$name issues only the actions and indexes its entry declares', ({ name, data }) => {
    expect(recorder.actions.get(name), `${name} issued nothing`).toBeDefined();
    expect(undeclared(name, data)).toEqual({ actions: [], indexes: [] });
  });

  it('the stream consumer raised the early warning the alert routes act on', () => {
    expect(answered.get('acknowledgeAlert')).toEqual([200]);
  });
});
