import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnionListResponse } from '../../shared/schemas/responses.js';
import { demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

describe('the union directory for region pickers', () => {
  it('lists every union, each after its parent, to any staff member', async () => {
    const response = await api.request('GET', '/unions', { user: demo('op-heping') });

    expect(response.status).toBe(200);
    expect(UnionListResponse.safeParse(response.body).success).toBe(true);
    const items: { code: string; name: string; parentCode: string | null }[] = response.body.items;
    // The whole directory, not only the operator's subtree: a caller's workplace may be anywhere.
    expect(items.map((union) => union.code)).toEqual(expect.arrayContaining(['210000', '210100', '210102', '510000', '511902']));
    expect(items.find((union) => union.code === '210102')).toEqual({
      code: '210102',
      name: '和平区总工会',
      parentCode: '210100',
    });
    const seen = new Set<string>();
    for (const union of items) {
      if (union.parentCode) expect(seen.has(union.parentCode), `${union.code} after its parent`).toBe(true);
      seen.add(union.code);
    }
  });

  it('is for signed-in staff only', async () => {
    const response = await api.request('GET', '/unions');
    expect(response.status).toBe(401);
  });
});
