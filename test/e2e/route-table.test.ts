import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.js';
import { ROUTES } from '../../functions/routes.js';
import { DEMO_USERS } from '../../scripts/local/demo-data.js';
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/openapi.js';
import { lambdaContext } from '../../scripts/local/server.js';
import { allowedRoles, isPublic, type RouteContract } from '../../shared/http/contract.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Everything here is derived from the route table, so a new route is covered
 * the moment it is added.
 */
let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

/** A concrete path for a template: parameters get a well-formed (absent) UUID. */
function concretePath(template: string): string {
  return template.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
}

// The authorization matrix (route × role × union × token) lives in authorization-matrix.test.ts.

describe('OpenAPI document', () => {
  it('is served at /openapi.json and matches the committed docs/openapi.json, generated from the route table', async () => {
    const served = await api.request('GET', '/openapi.json');
    expect(served.status).toBe(200);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    expect(committed, 'docs/openapi.json is stale: run `npm run openapi`').toBe(renderOpenApi());
    expect(served.body).toEqual(JSON.parse(committed));
    expect(served.body.openapi).toBe('3.1.0');
    expect(Object.values(served.body.paths).flatMap((path) => Object.keys(path as object))).toHaveLength(ROUTES.length);
  });

  it.each(ROUTES.map(({ contract }) => ({ route: `${contract.method} ${contract.path}`, contract })))(
    '$route documents 503 (store unavailable) with its Retry-After header and the error shape',
    async ({ contract }) => {
      const served = await api.request('GET', '/openapi.json');
      const operation = served.body.paths[contract.path][contract.method.toLowerCase()];

      expect(operation.responses['503']).toMatchObject({
        headers: { 'Retry-After': { required: true, schema: { type: 'integer' } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
    },
  );

  const withExamples = ROUTES.filter(({ contract }) => contract.request.body).map(({ contract, response }) => ({
    route: `${contract.method} ${contract.path}`,
    contract,
    responseSchema: response,
    example: (z.globalRegistry.get(contract.request.body as z.core.$ZodType)?.examples as unknown[] | undefined)?.[0],
  }));

  it.each(withExamples)('$route carries a request example', ({ example }) => {
    expect(example).toBeDefined();
  });

  /**
   * Where an example needs a resource to act on, make one as its users would:
   * a complaint filed online (closed, for feedback) for the complainant's routes.
   */
  async function exampleTarget(contract: RouteContract): Promise<{ path: string; headers: Record<string, string> }> {
    if (contract.path.includes('{caseId}'))
      return { path: contract.path.replace('{caseId}', await caseReadyFor(contract.name)), headers: {} };
    if (!contract.path.includes('{caseNumber}')) return { path: concretePath(contract.path), headers: {} };
    const fileRoute = withExamples.find((candidate) => candidate.contract.name === 'fileComplaint')!;
    const filed = await api.request('POST', '/public/complaints', { body: fileRoute.example });
    if (contract.name === 'givePublicFeedback') await api.closeCase(filed.body.caseNumber);
    return {
      path: contract.path.replace('{caseNumber}', filed.body.caseNumber),
      headers: { 'x-access-code': filed.body.accessCode },
    };
  }

  /** A hotline case in 和平区 in the state the route acts on (a work injury: the lawyer pool). */
  async function caseReadyFor(routeName: string): Promise<string> {
    const injury = { ...complaint(), category: 'work_injury' };
    if (routeName === 'rejectTransfer') {
      // A case of 沈河区 that the city sends to 和平区, whose legal department answers it.
      const created = await api.request('POST', '/cases', { user: demo('op-shenhe'), body: { ...injury, regionCode: '210103' } });
      await api.request('POST', `/cases/${created.body.caseId}/transfer`, {
        user: demo('admin-shenyang'),
        body: { toUnion: '210102', reason: '用工地在和平区' },
      });
      return created.body.caseId;
    }
    const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: injury });
    const caseId = created.body.caseId;
    const lawyer = { user: demo('lawyer-heping') };
    if (['releaseCase', 'addCaseWork', 'closeCase', 'followUpCase', 'reopenCase'].includes(routeName))
      await api.request('POST', `/cases/${caseId}/claim`, lawyer);
    if (['followUpCase', 'reopenCase'].includes(routeName))
      await api.request('POST', `/cases/${caseId}/close`, { ...lawyer, body: { outcome: 'advice_given', summary: '已答复' } });
    return caseId;
  }

  it.each(withExamples)('$route accepts its own example with the seeded data', async ({ contract, example, responseSchema }) => {
    const user = isPublic(contract.access)
      ? undefined
      : DEMO_USERS.find((candidate) => allowedRoles(contract.access).includes(candidate.role));
    const { path, headers } = await exampleTarget(contract);
    const response = await api.request(contract.method, path, { ...(user ? { user } : {}), body: example, headers });
    expect(response.status, JSON.stringify(response.body)).toBe(contract.response.status);
    // …and answers in the shape the route table documents.
    expect(responseSchema.safeParse(response.body).error?.issues ?? []).toEqual([]);
  });
});

describe('sample events', () => {
  it.each(ROUTES.map((route) => ({ name: route.contract.name, route })))(
    'events/$name.json runs its handler against the local store without a server error',
    async ({ name, route }) => {
      const event = JSON.parse(readFileSync(`events/${name}.json`, 'utf8')) as APIGatewayProxyEvent;
      expect(event.httpMethod).toBe(route.contract.method);
      expect(event.resource).toBe(route.contract.path);
      const { handler } = (await import(pathToFileURL(resolve(route.entry)).href)) as {
        handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
      };
      const result = await handler(event, lambdaContext(name, 'sample'));
      // Samples that name a case use a placeholder id: 404 is their honest answer.
      expect(result.statusCode === route.contract.response.status || result.statusCode === 404, result.body).toBe(true);
    },
  );

  it.each(JOBS.map((job) => ({ name: job.name, job })))(
    'events/$name.json runs its background job against the local store without failing',
    async ({ name, job }) => {
      const event = JSON.parse(readFileSync(`events/${name}.json`, 'utf8')) as unknown;
      const { handler } = (await import(pathToFileURL(resolve(job.entry)).href)) as {
        handler: (event: unknown) => Promise<Record<string, unknown>>;
      };
      const result = await handler(event);
      // A stream batch reports no failed record; a sweep what it did; a reconciliation no drift.
      if ('stream' in job.trigger) expect(result).toEqual({ batchItemFailures: [] });
      else if (Array.isArray(result)) expect(result.flatMap((report: { drift: unknown[] }) => report.drift)).toEqual([]);
      else expect(result).toMatchObject({ escalated: expect.any(Number) });
    },
  );
});
