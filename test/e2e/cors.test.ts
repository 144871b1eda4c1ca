import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CORS_ORIGINS } from '../../scripts/local/environment.js';
import { demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Browsers on a union's own web/H5 origin file complaints, and a console on
 * its own origin calls the staff routes: preflights answered and answers
 * readable for the configured origins only, as the stack's OPTIONS methods do.
 */
let api: LocalApi;
const UNION_PAGE = LOCAL_CORS_ORIGINS.public.split(',')[0]!;
const CONSOLE = LOCAL_CORS_ORIGINS.staff.split(',')[0]!;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api?.stop();
});

function preflight(path: string, origin: string, method = 'POST') {
  return fetch(`${api.baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type,idempotency-key',
    },
  });
}

describe('CORS', () => {
  it("answers a union page's preflight for filing a complaint", async () => {
    const response = await preflight('/public/complaints', UNION_PAGE);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(UNION_PAGE);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('lets the union page read the answer, errors included, and tells nothing to another origin', async () => {
    const answer = await api.request('POST', '/public/complaints', {
      headers: { origin: UNION_PAGE, 'idempotency-key': 'cors-test-1' },
      body: { channel: 'web' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe(UNION_PAGE);
    expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');

    const stranger = await preflight('/public/complaints', 'https://phishing.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const strangerAnswer = await api.request('POST', '/public/complaints', {
      headers: { origin: 'https://phishing.example', 'idempotency-key': 'cors-test-2' },
      body: { channel: 'web' },
    });
    expect(strangerAnswer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps staff routes to the console origin and public routes to the union pages', async () => {
    const consolePreflight = await preflight('/cases', CONSOLE, 'GET');
    expect(consolePreflight.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(consolePreflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const list = await api.request('GET', '/cases', { user: demo('op-heping'), headers: { origin: CONSOLE } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe(CONSOLE);

    expect((await preflight('/cases', UNION_PAGE, 'GET')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('/public/complaints', CONSOLE)).headers.get('access-control-allow-origin')).toBeNull();
    // A method the path does not have is not offered.
    expect((await preflight('/public/complaints', UNION_PAGE, 'DELETE')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
