import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolResponse } from '../../shared/schemas/responses.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

describe('a volunteer lawyer working from the pool', () => {
  it('sees the pool masked, claims a case, then sees the complainant (recorded), and the mediator does not', async () => {
    const lawyer = demo('lawyer-heping');
    const registered = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: complaint({ category: 'work_injury' }),
    });
    expect(registered.body).toMatchObject({ status: 'in_pool', pool: 'lawyer' });

    const pool = await api.request('GET', '/pool', { user: lawyer });
    expect(pool.status).toBe(200);
    expect(PoolResponse.safeParse(pool.body).success).toBe(true);
    const listed = pool.body.items.find((item: { caseId: string }) => item.caseId === registered.body.caseId);
    expect(listed.complainant).toMatchObject({ name: '张*', mobile: '138****5678', masked: true });
    expect(JSON.stringify(pool.body)).not.toContain('13812345678');

    // A mediator's pool is the mediation pool: the injury case is not there.
    const mediatorPool = await api.request('GET', '/pool', { user: demo('mediator-heping') });
    expect(mediatorPool.body.items.map((item: { caseId: string }) => item.caseId)).not.toContain(registered.body.caseId);

    const claimed = await api.request('POST', `/cases/${registered.body.caseId}/claim`, { user: lawyer });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', owner: { staffId: lawyer.sub, role: 'lawyer' } });
    const again = await api.request('POST', `/cases/${registered.body.caseId}/claim`, { user: lawyer });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toContain(lawyer.sub);

    const full = await api.request('GET', `/cases/${registered.body.caseId}`, { user: lawyer });
    expect(full.body.complainant).toMatchObject({ name: '张伟', mobile: '13812345678', masked: false });
    const timeline = await api.request('GET', `/cases/${registered.body.caseId}/timeline`, { user: lawyer });
    expect(timeline.body.events.map((event: { type: string }) => event.type)).toEqual([
      'registered',
      'triaged',
      'claimed',
      'contact_viewed',
    ]);
  });

  it('keeps the roster to the legal department of the subtree', async () => {
    const city = await api.request('GET', '/staff', { user: demo('admin-shenyang') });
    expect(city.body.items.map((item: { displayName: string }) => item.displayName)).toEqual(
      expect.arrayContaining(['志愿律师 赵磊', '志愿律师 孙悦', '劳动争议调解员 周敏']),
    );
    const district = await api.request('GET', '/staff', { user: demo('admin-heping') });
    expect(district.body.items.map((item: { unionCode: string }) => item.unionCode)).not.toContain('210103');
    const sibling = await api.request('GET', `/staff/${demo('lawyer-shenhe').sub}`, { user: demo('admin-heping') });
    expect(sibling.status).toBe(404);
    const sichuan = await api.request('GET', '/staff', { user: demo('admin-sichuan') });
    expect(sichuan.body.items).toEqual([]);
  });
});

describe('who a legal department may make responsible for a case', () => {
  /** What is stored under a case and a staff member, to show a refusal wrote nothing. */
  const storedFor = async (caseId: string, staffId: string) =>
    (await api.items()).filter((item) => item.PK === `CASE#${caseId}` || item.staffId === staffId);

  it('refuses to assign a 和平区 case to a 沈河区 lawyer, who could not open it: 422 on staffId, nothing written', async () => {
    const registered = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: complaint({ category: 'work_injury' }),
    });
    const caseId = registered.body.caseId as string;
    const shenhe = demo('lawyer-shenhe');
    const before = await storedFor(caseId, shenhe.sub);

    const refused = await api.request('POST', `/cases/${caseId}/assign`, {
      user: demo('admin-shenyang'),
      body: { staffId: shenhe.sub },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'UNPROCESSABLE',
      details: [{ path: 'staffId', code: 'case_outside_union' }],
    });
    // No owner, no timeline event, no SMS in the outbox, no capacity taken.
    expect(await storedFor(caseId, shenhe.sub)).toEqual(before);
    expect((await api.request('GET', `/cases/${caseId}`, { user: shenhe })).status).toBe(404);
  });

  it('keeps a 辽宁 lawyer off 四川’s roster (404, as if unknown), so 四川 cannot assign them a 巴州区 case', async () => {
    const liaoning = demo('lawyer-heping');
    const sichuan = demo('admin-sichuan');
    const put = await api.request('PUT', `/staff/${liaoning.sub}`, {
      user: sichuan,
      body: {
        displayName: '志愿律师 赵磊',
        role: 'lawyer',
        unionCode: '511902',
        categories: ['work_injury'],
        capacity: 10,
      },
    });
    expect(put.status).toBe(404);
    expect((await api.request('GET', '/staff', { user: sichuan })).body.items).toEqual([]);

    const bazhou = await api.request('POST', '/cases', {
      user: demo('op-bazhou'),
      body: complaint({ category: 'work_injury', regionCode: '511902' }),
    });
    const assigned = await api.request('POST', `/cases/${bazhou.body.caseId}/assign`, {
      user: sichuan,
      body: { staffId: liaoning.sub },
    });
    expect(assigned.status).toBe(422);
    expect(assigned.body.error.details).toMatchObject([{ path: 'staffId' }]);
  });
});
