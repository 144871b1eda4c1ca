import { createServer } from 'node:net';
import * as z from 'zod/mini';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as listCases } from '../../functions/cases/list.js';
import { handler as fileComplaint } from '../../functions/public/file.js';
import { handler as publicStatus } from '../../functions/public/status.js';
import { LOCAL_AWS_ENV } from '../../scripts/local/dynamodb-local.js';
import { FileComplaintBody } from '../../shared/schemas/public.js';
import { apiEvent, invoke } from '../support/events.js';
import { demo } from '../support/fixtures.js';

/**
 * The real handlers and the real SDK client, pointed at a port nobody listens
 * on: what a Lambda sees when DynamoDB cannot be reached. The SDK retries and
 * gives up with a connection error; the client must hear 503 with
 * Retry-After, not a 500 "bug".
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(LOCAL_AWS_ENV)) vi.stubEnv(name, value);
  vi.stubEnv('DYNAMODB_ENDPOINT', `http://127.0.0.1:${await closedPort()}`);
  vi.stubEnv('TABLE_NAME', 'unreachable');
  vi.stubEnv('PHONE_HASH_KEY', 'integration-test-key');
  vi.stubEnv('CURSOR_KEY', 'integration-test-cursor-key');
});

const complaintExample = (z.globalRegistry.get(FileComplaintBody)?.examples as unknown[])[0];

describe('DynamoDB out of reach', () => {
  it.each([
    {
      route: 'GET /cases (staff)',
      handler: listCases,
      event: apiEvent({ method: 'GET', path: '/cases', user: demo('op-heping') }),
    },
    {
      route: 'GET /public/complaints/{caseNumber}',
      handler: publicStatus,
      event: apiEvent({
        method: 'GET',
        path: '/public/complaints/210102-20261121-0001',
        pathParameters: { caseNumber: '210102-20261121-0001' },
        headers: { 'x-access-code': 'K7QM-2XWD-9HRT' },
      }),
    },
    {
      route: 'POST /public/complaints with an Idempotency-Key',
      handler: fileComplaint,
      event: apiEvent({
        method: 'POST',
        path: '/public/complaints',
        body: complaintExample,
        headers: { 'idempotency-key': '7d2c7d0e-3f7a-4b7e-9a4e-2f0c1f6f9b11' },
      }),
    },
  ])('$route → 503 STORE_UNAVAILABLE with Retry-After, not 500', async ({ handler, event }) => {
    const response = await invoke(handler, event);

    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');
    expect(Number(response.headers['Retry-After'])).toBeGreaterThan(0);
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
  });
});
