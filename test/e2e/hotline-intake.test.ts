import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../shared/domain/china-time.js';
import { CaseView, TimelineResponse } from '../../shared/schemas/responses.js';
import { answeredConsultation, complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

const today = () => chinaDate(new Date()).replaceAll('-', '');

describe('a hotline operator logging calls over HTTP', () => {
  it('registers a complaint: 201, case number format, first timeline event', async () => {
    const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() });

    expect(created.status).toBe(201);
    expect(CaseView.safeParse(created.body).success).toBe(true);
    expect(created.body.caseNumber).toMatch(new RegExp(`^210102-${today()}-\\d{4}$`));
    expect(created.body).toMatchObject({
      status: 'in_pool',
      statusLabel: '待认领',
      priority: 'priority',
      route: 'mediation',
      pool: 'mediation',
      categoryLabel: '欠薪/劳动报酬',
      unionName: '和平区总工会',
    });
    expect(created.headers.get('cache-control')).toBe('no-store');

    const timeline = await api.request('GET', `/cases/${created.body.caseId}/timeline`, { user: demo('op-heping') });
    expect(timeline.status).toBe(200);
    expect(TimelineResponse.safeParse(timeline.body).success).toBe(true);
    expect(timeline.body.events.map((event: { type: string }) => event.type)).toEqual(['registered', 'triaged']);
    // Anyone can see why the case went where it went.
    expect(timeline.body.events[1].data).toMatchObject({
      priority: 'priority',
      priorityRule: 'migrant-worker-pay-or-injury',
      route: 'mediation',
      routeRule: 'suited-to-mediation',
      routeInputs: { kind: 'complaint', category: 'wage_arrears' },
    });
    expect(timeline.body.events[0]).toMatchObject({
      type: 'registered',
      typeLabel: '登记',
      data: { caseNumber: created.body.caseNumber },
    });
  });

  it('registers a consultation answered on the call as closed with the advice on the timeline', async () => {
    const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: answeredConsultation() });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'consultation',
      status: 'closed',
      outcome: 'advice_given',
      outcomeLabel: '已解答',
    });
    const timeline = await api.request('GET', `/cases/${created.body.caseId}/timeline`, { user: demo('op-heping') });
    expect(timeline.body.events.map((event: { type: string }) => event.type)).toEqual([
      'registered',
      'triaged',
      'answered_on_call',
    ]);
  });

  it('numbers successive cases of a union sequentially', async () => {
    const first = await api.request('POST', '/cases', { user: demo('op-bazhou'), body: complaint({ regionCode: '511902' }) });
    const second = await api.request('POST', '/cases', { user: demo('op-bazhou'), body: complaint({ regionCode: '511902' }) });
    expect(Number(second.body.caseNumber.slice(-4))).toBe(Number(first.body.caseNumber.slice(-4)) + 1);
  });

  it('hides a case from a sibling union (404, same as a missing case) and shows it up the hierarchy', async () => {
    const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() });
    const path = `/cases/${created.body.caseId}`;

    const sibling = await api.request('GET', path, { user: demo('op-shenhe') });
    const missing = await api.request('GET', '/cases/00000000-0000-4000-8000-000000000000', { user: demo('op-shenhe') });
    expect(sibling.status).toBe(404);
    expect(sibling.body.error.code).toBe(missing.body.error.code);
    expect(sibling.body.error.message).toBe(missing.body.error.message);
    expect((await api.request('GET', `${path}/timeline`, { user: demo('op-shenhe') })).status).toBe(404);

    expect((await api.request('GET', path, { user: demo('admin-shenyang') })).status).toBe(200);
    expect((await api.request('GET', path, { user: demo('admin-liaoning') })).status).toBe(200);
    expect((await api.request('GET', path, { user: demo('admin-sichuan') })).status).toBe(404);
  });

  it('refuses POST /cases to a lawyer with 403', async () => {
    const response = await api.request('POST', '/cases', { user: demo('lawyer-heping'), body: complaint() });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('masks the complainant for a lawyer and shows them to the operator', async () => {
    const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() });
    const forLawyer = await api.request('GET', `/cases/${created.body.caseId}`, { user: demo('lawyer-heping') });
    expect(forLawyer.body.complainant).toMatchObject({
      name: '张*',
      mobile: '138****5678',
      idNumber: '210102********1233',
      masked: true,
    });
    const forOperator = await api.request('GET', `/cases/${created.body.caseId}`, { user: demo('op-heping') });
    expect(forOperator.body.complainant).toMatchObject({ name: '张伟', mobile: '13812345678', masked: false });
  });

  it('lists the subtree with filters and cursor pages, contact details masked', async () => {
    for (let i = 0; i < 3; i++) {
      await api.request('POST', '/cases', {
        user: demo('op-shenhe'),
        body: complaint({ regionCode: '210103', category: 'social_insurance' }),
      });
    }
    const firstPage = await api.request('GET', '/cases?category=social_insurance&limit=2', { user: demo('admin-shenyang') });
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items).toHaveLength(2);
    expect(firstPage.body.items.every((item: { complainant: { masked: boolean } }) => item.complainant.masked)).toBe(true);
    const rest = await api.request('GET', `/cases?category=social_insurance&limit=2&cursor=${firstPage.body.nextCursor}`, {
      user: demo('admin-shenyang'),
    });
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeUndefined();

    const heping = await api.request('GET', '/cases?category=social_insurance', { user: demo('op-heping') });
    expect(heping.body.items).toHaveLength(0);
  });

  it('answers 400 INVALID_CURSOR, not 500, to a cursor carried over to another month, and to a tampered one', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await api.request('POST', '/cases', { user: demo('op-heping'), body: complaint() }));
    // The case number carries the China date of registration: its month is the month these cases are listed under.
    const registeredOn = (created[0]!.body.caseNumber as string).split('-')[1]!;
    const month = `${registeredOn.slice(0, 4)}-${registeredOn.slice(4, 6)}`;
    const previousMonth = chinaDate(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 15))).slice(0, 7);
    const firstPage = await api.request('GET', `/cases?limit=2&month=${month}`, { user: demo('op-heping') });
    const cursor = firstPage.body.nextCursor as string;
    expect(cursor).toBeDefined();

    const otherMonth = await api.request('GET', `/cases?limit=2&month=${previousMonth}&cursor=${cursor}`, {
      user: demo('op-heping'),
    });
    expect(otherMonth.status).toBe(400);
    expect(otherMonth.body.error).toMatchObject({ code: 'INVALID_CURSOR', details: [{ path: 'cursor' }] });

    // A cursor a client made up (well-formed: a time and a case id, base64url-encoded) is refused the same way.
    const madeUp = Buffer.from(`${month}-01T08:00:00.000#${created[0]!.body.caseId}`).toString('base64url');
    const tampered = cursor.slice(0, -1) + (cursor.endsWith('A') ? 'B' : 'A');
    for (const forged of [madeUp, tampered]) {
      const response = await api.request('GET', `/cases?limit=2&month=${month}&cursor=${forged}`, { user: demo('op-heping') });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'INVALID_CURSOR', details: [{ path: 'cursor' }] });
    }

    const nextPage = await api.request('GET', `/cases?limit=2&month=${month}&cursor=${cursor}`, { user: demo('op-heping') });
    expect(nextPage.status).toBe(200);
  });

  it('shows a repeat caller’s earlier cases to the operator', async () => {
    const phone = '13698765432';
    const body = complaint({ complainant: { ...complaint().complainant, mobile: phone } });
    const first = await api.request('POST', '/cases', { user: demo('op-heping'), body });
    const lookup = await api.request('POST', '/callers/lookup', { user: demo('op-heping'), body: { phone } });
    expect(lookup.status).toBe(200);
    expect(lookup.body.phone).toBe('136****5432');
    expect(lookup.body.cases.map((row: { caseNumber: string }) => row.caseNumber)).toEqual([first.body.caseNumber]);
    const sibling = await api.request('POST', '/callers/lookup', { user: demo('op-shenhe'), body: { phone } });
    expect(sibling.body.cases).toEqual([]);
  });

  it('registers a caller from a landline and finds their cases by the number written another way (issue 13, item 13)', async () => {
    const withPhone = (mobile: string) => ({ ...complaint().complainant, mobile });
    const byOperator = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: complaint({ complainant: withPhone('(024) 2345 6789') }),
    });
    expect(byOperator.status).toBe(201);
    expect(byOperator.body.complainant.mobile).toBe('024-23456789');
    const online = await api.request('POST', '/public/complaints', {
      body: { ...complaint({ complainant: withPhone('+86 24 2345-6789') }), channel: 'web' },
    });
    expect(online.status).toBe(201);

    const forLawyer = await api.request('GET', `/cases/${byOperator.body.caseId}`, { user: demo('lawyer-heping') });
    expect(forLawyer.body.complainant.mobile).toBe('024-****6789');

    for (const written of ['024-23456789', '02423456789', '+86-24-23456789']) {
      const lookup = await api.request('POST', '/callers/lookup', { user: demo('op-heping'), body: { phone: written } });
      expect(lookup.status).toBe(200);
      expect(lookup.body.phone).toBe('024-****6789');
      expect(lookup.body.cases.map((row: { caseNumber: string }) => row.caseNumber).sort()).toEqual(
        [byOperator.body.caseNumber, online.body.caseNumber].sort(),
      );
    }
  });

  it('finds a mobile caller however the number is written', async () => {
    const registered = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: complaint({ complainant: { ...complaint().complainant, mobile: '+86 135 0000 2468' } }),
    });
    expect(registered.body.complainant.mobile).toBe('13500002468');
    const lookup = await api.request('POST', '/callers/lookup', { user: demo('op-heping'), body: { phone: '135-0000-2468' } });
    expect(lookup.body.cases.map((row: { caseNumber: string }) => row.caseNumber)).toEqual([registered.body.caseNumber]);
  });
});

describe('retrying a registration over HTTP (issue 12, defect 2)', () => {
  it('answers the same Idempotency-Key with the first 201 and registers one case; another body under it is a 422', async () => {
    const body = complaint({ description: 'HTTP 重试：同一个键' });
    const headers = { 'idempotency-key': `e2e-retry-${Date.now()}` };
    const first = await api.request('POST', '/cases', { user: demo('op-heping'), body, headers });
    const retry = await api.request('POST', '/cases', { user: demo('op-heping'), body, headers });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const different = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: { ...body, description: '另一通电话' },
      headers,
    });
    expect(different.status).toBe(422);
    expect(different.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another operator's equal key is their own.
    const other = await api.request('POST', '/cases', { user: demo('op-shenyang'), body, headers });
    expect(other.status).toBe(201);
    expect(other.body.caseId).not.toBe(first.body.caseId);
  });
});
