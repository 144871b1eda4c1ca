import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.js';
import { ROUTES } from '../../functions/routes.js';
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/openapi.js';
import { lambdaContext } from '../../scripts/local/server.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';
import { ROUTE_EXAMPLES, exampleTarget, userAllowedOn } from '../support/route-examples.js';

/**
 * Everything here is derived from the route table, so a new route is covered
 * the moment it is added.
 */
let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

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

  const withExamples = ROUTE_EXAMPLES;

  it.each(withExamples)('$route carries a request example', ({ example }) => {
    expect(example).toBeDefined();
  });

  it.each(withExamples)('$route accepts its own example with the seeded data', async ({ contract, example, responseSchema }) => {
    const user = userAllowedOn(contract);
    const { path, headers } = await exampleTarget(api, contract);
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
