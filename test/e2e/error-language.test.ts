import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { isPublic } from '../../shared/http/contract.js';
import { complaint, demo } from '../support/fixtures.js';
import { startLocalApi, type ApiResponse, type LocalApi } from '../support/local-api.js';
import { ROUTE_EXAMPLES, exampleTarget } from '../support/route-examples.js';

/**
 * Which language an error is answered in: a worker on a public route always
 * reads Chinese; staff read Chinese unless their client asks for English.
 * Field paths and codes are the same in every language: clients key on them.
 */

let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(async () => api.stop());

const HAN = /\p{Script=Han}/u;

/** Every sentence of an error body (its message and each field's) is written in Chinese. */
function expectChineseError(answer: ApiResponse): void {
  const sentences = [answer.body.error.message, ...(answer.body.error.details ?? []).map((d: { message: string }) => d.message)];
  for (const sentence of sentences) expect(sentence, JSON.stringify(answer.body)).toMatch(HAN);
}

function expectEnglishError(answer: ApiResponse): void {
  const sentences = [answer.body.error.message, ...(answer.body.error.details ?? []).map((d: { message: string }) => d.message)];
  for (const sentence of sentences) expect(sentence, JSON.stringify(answer.body)).not.toMatch(HAN);
}

/** The example with every text emptied, every number made negative: each field breaks its own rule. */
function broken(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (typeof value === 'number') return -1;
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return value.map(broken);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, broken(v)]));
  return value;
}

const PUBLIC_ROUTES = ROUTES.filter(({ contract }) => isPublic(contract.access) && contract.path.startsWith('/public/'));
const CASE_NUMBER_ROUTES = PUBLIC_ROUTES.filter(({ contract }) => contract.path.includes('{caseNumber}'));

describe('public routes answer workers in Chinese', () => {
  it('covers every public route of the route table', () => {
    expect(PUBLIC_ROUTES.map(({ contract }) => contract.name).sort()).toEqual(
      ['addPublicSupplement', 'fileComplaint', 'getPublicComplaint', 'givePublicFeedback'].sort(),
    );
  });

  it.each(PUBLIC_ROUTES.map(({ contract }) => [contract.name, contract] as const))(
    '%s: refused input, whatever is wrong with it, is explained in Chinese with the same field paths',
    async (_name, contract) => {
      const target = await exampleTarget(api, contract);
      const example = ROUTE_EXAMPLES.find((candidate) => candidate.contract === contract)?.example;
      const requests: { path: string; headers: Record<string, string>; body?: unknown; raw?: string }[] = [];
      if (contract.request.body) {
        requests.push({ ...target, body: {} });
        requests.push({ ...target, body: { ...(broken(example) as object), unexpected: 1 } });
        requests.push({ ...target, raw: '{"text": ' });
      }
      if (contract.path.includes('{caseNumber}')) {
        requests.push({ ...target, path: contract.path.replace('{caseNumber}', 'not-a-number'), body: example });
        requests.push({ ...target, headers: { 'x-access-code': '' }, body: example });
      }
      if (contract.name === 'fileComplaint') requests.push({ ...target, headers: { 'idempotency-key': 'short' }, body: example });

      for (const request of requests) {
        const answer = await api.request(contract.method, request.path, request);
        expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expectChineseError(answer);
      }
    },
  );

  it('keeps field paths and codes as they are', async () => {
    const answer = await api.request('POST', '/public/complaints', {
      body: { ...complaint(), channel: 'web', complainant: { name: '', mobile: '12345' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'complainant.name', code: 'too_small' }),
        expect.objectContaining({ path: 'complainant.mobile', code: 'custom' }),
      ]),
    );
    expectChineseError(answer);
  });

  it.each(CASE_NUMBER_ROUTES.map(({ contract }) => [contract.name, contract] as const))(
    '%s: a client locked out after too many wrong access codes is told in Chinese when to come back',
    async (_name, contract) => {
      const target = await exampleTarget(api, contract);
      const example = ROUTE_EXAMPLES.find((candidate) => candidate.contract === contract)?.example;
      const from = `127.0.13.${CASE_NUMBER_ROUTES.findIndex((route) => route.contract === contract) + 1}`;
      let answer: ApiResponse | undefined;
      for (let attempt = 0; attempt < 11; attempt++) {
        answer = await api.request(contract.method, target.path, {
          headers: { 'x-access-code': 'WRONG-CODE' },
          body: example,
          from,
        });
      }
      expect(answer!.status).toBe(429);
      expect(answer!.body.error.code).toBe('TOO_MANY_REQUESTS');
      expectChineseError(answer!);
    },
  );
});

describe('staff routes follow Accept-Language', () => {
  const invalidRegistration = { ...complaint(), description: '', complainant: { name: '张伟', mobile: '1234' } };

  it.each([
    ['no Accept-Language', undefined],
    ['zh-CN', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN,zh;q=0.9,en;q=0.8'],
    ['a language neither is (fr)', 'fr'],
    ['English not acceptable (en;q=0, *)', 'en;q=0, *'],
  ])('answers in Chinese with %s', async (_label, acceptLanguage) => {
    const answer = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: invalidRegistration,
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    });
    expect(answer.status).toBe(400);
    expectChineseError(answer);
  });

  it.each([['en'], ['en-US,en;q=0.9'], ['en-GB, zh-CN;q=0.5'], ['fr, en;q=0.8, zh;q=0.3']])(
    'answers in English to Accept-Language %j, with the same paths and codes',
    async (acceptLanguage) => {
      const answer = await api.request('POST', '/cases', {
        user: demo('op-heping'),
        body: invalidRegistration,
        headers: { 'accept-language': acceptLanguage },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('The request body is not valid.');
      expect(answer.body.error.details).toEqual(
        expect.arrayContaining([
          { path: 'description', code: 'too_small', message: 'must be at least 1 characters' },
          expect.objectContaining({ path: 'complainant.mobile', code: 'custom', message: expect.stringMatching(/landline/) }),
        ]),
      );
      expectEnglishError(answer);
    },
  );

  it('answers a case outside the caller’s area in the language asked for', async () => {
    const path = '/cases/00000000-0000-4000-8000-000000000000';
    const chinese = await api.request('GET', path, { user: demo('op-heping') });
    const english = await api.request('GET', path, { user: demo('op-heping'), headers: { 'accept-language': 'en' } });
    expect([chinese.status, english.status]).toEqual([404, 404]);
    expect(chinese.body.error.code).toBe(english.body.error.code);
    expectChineseError(chinese);
    expectEnglishError(english);
  });

  it('tells a staff member whose role may not use a route, in the language asked for', async () => {
    const chinese = await api.request('GET', '/alerts', { user: demo('op-heping') });
    const english = await api.request('GET', '/alerts', { user: demo('op-heping'), headers: { 'accept-language': 'en-US' } });
    expect([chinese.status, english.status]).toEqual([403, 403]);
    expectChineseError(chinese);
    expectEnglishError(english);
  });

  /** A 和平区 work-injury case the 和平区 lawyer has claimed: the target of the case-work refusals below. */
  let claimedCaseId: Promise<string> | undefined;
  const claimedCase = () =>
    (claimedCaseId ??= (async () => {
      const caseId = await registeredInjuryCase();
      const claimed = await api.request('POST', `/cases/${caseId}/claim`, { user: demo('lawyer-heping') });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      return caseId;
    })());

  async function registeredInjuryCase(): Promise<string> {
    const registered = await api.request('POST', '/cases', {
      user: demo('op-heping'),
      body: complaint({ category: 'work_injury' }),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    return registered.body.caseId as string;
  }

  /** Two claims of one fresh case at once: one wins, the other (whether it lost the race to the write or read the claimed case) is refused. */
  async function lostClaim(headers: Record<string, string>): Promise<ApiResponse> {
    const caseId = await registeredInjuryCase();
    const claims = await Promise.all(
      [0, 1].map(() => api.request('POST', `/cases/${caseId}/claim`, { user: demo('lawyer-heping'), headers })),
    );
    expect(claims.map((claim) => claim.status).sort()).toEqual([200, 409]);
    return claims.find((claim) => claim.status === 409)!;
  }

  const admin = demo('admin-heping');
  const lawyer = demo('lawyer-heping');
  const REFUSALS: readonly {
    readonly refusal: string;
    readonly status: number;
    readonly codes: readonly string[];
    readonly send: (headers: Record<string, string>) => Promise<ApiResponse>;
  }[] = [
    {
      refusal: 'a claim that lost the race for the case',
      status: 409,
      codes: ['CONFLICT', 'INVALID_TRANSITION'],
      send: lostClaim,
    },
    {
      refusal: 'a claim of a case already claimed',
      status: 409,
      codes: ['INVALID_TRANSITION'],
      send: async (headers) => api.request('POST', `/cases/${await claimedCase()}/claim`, { user: lawyer, headers }),
    },
    {
      refusal: 'assigning a case to the person already working it',
      status: 409,
      codes: ['CONFLICT'],
      send: async (headers) =>
        api.request('POST', `/cases/${await claimedCase()}/assign`, { user: admin, headers, body: { staffId: lawyer.sub } }),
    },
    {
      refusal: 'a case that is not there',
      status: 404,
      codes: ['NOT_FOUND'],
      send: async (headers) => api.request('GET', '/cases/00000000-0000-4000-8000-000000000000', { user: admin, headers }),
    },
    {
      refusal: 'an alert that is not there',
      status: 404,
      codes: ['NOT_FOUND'],
      send: async (headers) =>
        api.request('POST', '/alerts/00000000-0000-4000-8000-000000000000/acknowledge', { user: admin, headers }),
    },
    {
      refusal: 'an alert id that is not one',
      status: 400,
      codes: ['VALIDATION_FAILED'],
      send: async (headers) => api.request('POST', '/alerts/not-an-alert/acknowledge', { user: admin, headers }),
    },
    {
      refusal: 'a roster entry of a staff id that is not one',
      status: 400,
      codes: ['VALIDATION_FAILED'],
      send: async (headers) => api.request('GET', '/staff/not-a-staff-id', { user: admin, headers }),
    },
    {
      refusal: 'a roster entry of another union',
      status: 404,
      codes: ['NOT_FOUND'],
      send: async (headers) => api.request('GET', `/staff/${demo('lawyer-shenhe').sub}`, { user: admin, headers }),
    },
    {
      refusal: 'a roster entry put under a sibling union',
      status: 422,
      codes: ['UNPROCESSABLE'],
      send: async (headers) =>
        api.request('PUT', `/staff/${lawyer.sub}`, {
          user: admin,
          headers,
          body: { displayName: '志愿律师 赵磊', role: 'lawyer', unionCode: '210103', categories: ['work_injury'], capacity: 10 },
        }),
    },
    {
      refusal: 'filing the report of a month not yet over',
      status: 422,
      codes: ['UNPROCESSABLE'],
      send: async (headers) => api.request('POST', '/reports/210102/2099-12/file', { user: admin, headers }),
    },
    {
      refusal: 'a report of a month not yet begun',
      status: 400,
      codes: ['VALIDATION_FAILED'],
      send: async (headers) => api.request('GET', '/reports/monthly?month=2099-12', { user: admin, headers }),
    },
    {
      refusal: 'a page cursor this list did not hand out',
      status: 400,
      codes: ['INVALID_CURSOR'],
      send: async (headers) => api.request('GET', '/cases?cursor=bm90LWEtY3Vyc29y', { user: admin, headers }),
    },
    {
      refusal: 'a correction of an event not on the case’s timeline',
      status: 422,
      codes: ['UNPROCESSABLE'],
      send: async (headers) =>
        api.request('POST', `/cases/${await claimedCase()}/work`, {
          user: lawyer,
          headers,
          body: {
            type: 'correction',
            correctsEventId: '00000000-0000-4000-8000-000000000000',
            field: 'filedOn',
            value: '2026-11-19',
          },
        }),
    },
    {
      refusal: 'a closure giving the money both by kind and as one total',
      status: 400,
      codes: ['VALIDATION_FAILED'],
      send: async (headers) =>
        api.request('POST', `/cases/${await claimedCase()}/close`, {
          user: lawyer,
          headers,
          body: {
            outcome: 'mediated_agreement',
            summary: '调解成功，用人单位已支付全部欠薪。',
            amountsRecoveredFen: { injury_compensation: 100_000 },
            amountRecoveredFen: 100_000,
          },
        }),
    },
  ];

  it.each(REFUSALS.map((row) => [row.refusal, row] as const))(
    '%s: refused in Chinese by default, in English when asked, with the same code and field paths',
    async (_refusal, { status, codes, send }) => {
      const chinese = await send({});
      const english = await send({ 'accept-language': 'en' });
      for (const answer of [chinese, english]) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(status);
        expect(codes).toContain(answer.body.error.code);
      }
      expectChineseError(chinese);
      expectEnglishError(english);
      const paths = (answer: ApiResponse) => (answer.body.error.details ?? []).map((d: { path: string }) => d.path);
      // A lost race may be answered either way (see lostClaim); the same answer has the same paths in each language.
      if (english.body.error.code === chinese.body.error.code) expect(paths(english)).toEqual(paths(chinese));
    },
  );
});
