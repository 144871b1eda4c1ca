import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

/** Every instant in a response body (ISO date-times, with `Z` or an offset). */
function instantsIn(body: unknown): string[] {
  return JSON.stringify(body).match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g) ?? [];
}

describe('times people read are China time', () => {
  it('writes every instant of the registration, case, list and public case responses with +08:00, never Z', async () => {
    const operator = demo('op-heping');
    const registered = await api.request('POST', '/cases', {
      user: operator,
      body: complaint(),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(registered.status).toBe(201);
    const fetched = await api.request('GET', `/cases/${registered.body.caseId}`, { user: operator });
    const listed = await api.request('GET', '/cases?limit=5', { user: operator });
    const { channel: _hotline, ...content } = complaint({ regionCode: '210103' });
    const filed = await api.request('POST', '/public/complaints', {
      body: { ...content, channel: 'wechat' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(filed.status).toBe(201);
    const followed = await api.request('GET', `/public/complaints/${filed.body.caseNumber}`, {
      headers: { 'x-access-code': filed.body.accessCode },
    });

    for (const response of [registered, fetched, listed, filed, followed]) {
      const instants = instantsIn(response.body);
      expect(instants.length).toBeGreaterThan(0);
      expect(instants.filter((instant) => !instant.endsWith('+08:00'))).toEqual([]);
    }
    // The same instant as the store keeps, read in China time; day-counted clocks also give their last day.
    expect(Date.parse(fetched.body.registeredAt)).toBe(Date.parse(registered.body.registeredAt));
    const target = fetched.body.deadlines.find((deadline: { clock: string }) => deadline.clock === 'completion_target');
    expect(target.dueAt).toMatch(/T00:00:00\.000\+08:00$/);
    const lastDay = new Date(Date.parse(target.dueAt) - 1 + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect(target.dueOn).toBe(lastDay);
    const firstResponse = fetched.body.deadlines.find((deadline: { clock: string }) => deadline.clock === 'first_response');
    expect(firstResponse.dueOn).toBeUndefined();
  });
});
