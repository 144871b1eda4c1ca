import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredConsultation, complaint, demo } from '../support/fixtures.js';
import { forgedToken } from '../support/forged-token.js';
import { startLocalApi, type LocalApi, type RequestOptions } from '../support/local-api.js';

let api: LocalApi;
let itemsBefore: Record<string, unknown>[];

const operator = demo('op-heping');
const valid = complaint();
const { channel: _hotline, ...content } = valid;
const online = { ...content, channel: 'web' };

/** A token with the right claims, signed by a key the authorizer does not trust. */
function forgedOperatorToken(): Promise<string> {
  return forgedToken(api.baseUrl, operator.sub, { roles: ['operator'], union_code: '210102' });
}

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly options: () => Promise<RequestOptions> | RequestOptions;
  readonly status: number;
  readonly code: string;
  /** A field path the error must name. */
  readonly field?: string;
}

const post = (body: unknown): RequestOptions => ({ user: operator, body });

const MALFORMED: readonly Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/cases',
    options: () => ({ user: operator, raw: '{"kind": "complaint",', headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'text/plain content type',
    method: 'POST',
    path: '/cases',
    options: () => ({ user: operator, raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'form-encoded body',
    method: 'POST',
    path: '/cases',
    options: () => ({ user: operator, raw: 'kind=complaint', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'empty body',
    method: 'POST',
    path: '/cases',
    options: () => ({ user: operator, headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'JSON array instead of object',
    method: 'POST',
    path: '/cases',
    options: () => post([valid]),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'JSON null',
    method: 'POST',
    path: '/cases',
    options: () => ({ user: operator, raw: 'null', headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'unknown top-level field',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, priority: 'urgent' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'priority',
  },
  {
    name: 'unknown nested field',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, complainant: { ...valid.complainant, age: 40 } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'complainant.age',
  },
  {
    name: 'number sent as string',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, workersInvolved: '3' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'workersInvolved',
  },
  {
    name: 'fractional fen',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, amountClaimedFen: 3600.5 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'amountClaimedFen',
  },
  {
    name: 'negative amount',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, amountClaimedFen: -1 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'amountClaimedFen',
  },
  {
    name: 'invalid mobile number',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, complainant: { ...valid.complainant, mobile: '12812345678' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'complainant.mobile',
  },
  {
    name: 'resident ID with a wrong check digit',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, complainant: { ...valid.complainant, idNumber: '210102199003071234' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'complainant.idNumber',
  },
  {
    name: 'credit code with a wrong check character',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, employer: { name: 'X公司', creditCode: '91210102MA0QC12348' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'employer.creditCode',
  },
  {
    name: 'malformed division code',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, regionCode: '21010' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'regionCode',
  },
  {
    name: 'unknown category',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, category: 'unpaid_wages' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'category',
  },
  {
    name: 'impossible calendar date',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, occurredOn: '2026-02-30' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'occurredOn',
  },
  {
    name: 'date in the future',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, occurredOn: '2999-01-01' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'occurredOn',
  },
  {
    name: 'answer on a complaint',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, answeredOnCall: { advice: '已解答' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'answeredOnCall',
  },
  {
    name: 'complaint without an employer',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, employer: undefined }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'employer',
  },
  {
    name: 'description over 4,000 characters',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, description: '欠'.repeat(4001) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'description',
  },
  {
    name: 'body over 16 KiB',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...valid, description: 'x'.repeat(20_000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'region outside the operator’s union',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...answeredConsultation(), regionCode: '511902' }),
    status: 422,
    code: 'REGION_OUTSIDE_SUBTREE',
    field: 'regionCode',
  },
  {
    name: 'region no union serves',
    method: 'POST',
    path: '/cases',
    options: () => post({ ...answeredConsultation(), regionCode: '440300' }),
    status: 422,
    code: 'REGION_NOT_SERVED',
    field: 'regionCode',
  },
  {
    name: 'case id that is not a UUID',
    method: 'GET',
    path: '/cases/not-a-case',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'caseId',
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    path: '/cases?union=210103',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'union',
  },
  {
    // Every route, not only those with a query schema: why the document lists 400 on all of them.
    name: 'query parameter on a route that takes none',
    method: 'GET',
    path: '/unions?page=2',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'page',
  },
  {
    name: 'non-numeric page size',
    method: 'GET',
    path: '/cases?limit=ten',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'limit',
  },
  {
    name: 'repeated query parameter',
    method: 'GET',
    path: '/cases?status=closed&status=registered',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'status',
  },
  {
    name: 'forged page cursor',
    method: 'GET',
    path: '/cases?cursor=eyJQSyI6IkNBU0UjMSJ9',
    options: () => ({ user: operator }),
    status: 400,
    code: 'INVALID_CURSOR',
    field: 'cursor',
  },
  {
    name: 'caller look-up with a landline lacking its area code',
    method: 'POST',
    path: '/callers/lookup',
    options: () => post({ phone: '23456789' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'phone',
  },
  {
    name: 'caller look-up with an extra field',
    method: 'POST',
    path: '/callers/lookup',
    options: () => post({ phone: '13812345678', unionCode: '210103' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'unionCode',
  },
  // The complainant's public routes.
  {
    name: 'online complaint via the hotline channel',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ body: { ...online, channel: 'hotline' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'channel',
  },
  {
    name: 'online request of an unknown kind',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ body: { ...online, kind: 'inquiry' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'kind',
  },
  {
    name: 'online complaint with a staff-only field',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ body: { ...online, answeredOnCall: { advice: 'x' } } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'answeredOnCall',
  },
  {
    name: 'idempotency key too short',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ body: online, headers: { 'idempotency-key': 'abc' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'idempotency-key',
  },
  {
    name: 'online complaint over 16 KiB',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ body: { ...online, description: '欠'.repeat(6000) } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'online complaint as malformed JSON',
    method: 'POST',
    path: '/public/complaints',
    options: () => ({ raw: '{"channel":', headers: { 'content-type': 'application/json' } }),
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'malformed case number',
    method: 'GET',
    path: '/public/complaints/210103-2026-1',
    options: () => ({ headers: { 'x-access-code': 'K7QM-2XWD-9HRT' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'caseNumber',
  },
  {
    name: 'status without an access code',
    method: 'GET',
    path: '/public/complaints/210103-20261121-0001',
    options: () => ({}),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'x-access-code',
  },
  {
    name: 'supplement over 8 KiB',
    method: 'POST',
    path: '/public/complaints/210103-20261121-0001/supplements',
    options: () => ({ body: { text: 'x'.repeat(9000) }, headers: { 'x-access-code': 'K7QM-2XWD-9HRT' } }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'empty supplement',
    method: 'POST',
    path: '/public/complaints/210103-20261121-0001/supplements',
    options: () => ({ body: { text: '   ' }, headers: { 'x-access-code': 'K7QM-2XWD-9HRT' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'text',
  },
  {
    name: 'score out of range',
    method: 'POST',
    path: '/public/complaints/210103-20261121-0001/feedback',
    options: () => ({ body: { score: 6 }, headers: { 'x-access-code': 'K7QM-2XWD-9HRT' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'score',
  },
  {
    name: 'fractional score',
    method: 'POST',
    path: '/public/complaints/210103-20261121-0001/feedback',
    options: () => ({ body: { score: 4.5 }, headers: { 'x-access-code': 'K7QM-2XWD-9HRT' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'score',
  },
  {
    name: 'feedback as a form',
    method: 'POST',
    path: '/public/complaints/210103-20261121-0001/feedback',
    options: () => ({
      raw: 'score=5',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-access-code': 'K7QM-2XWD-9HRT' },
    }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { name: 'no token', method: 'POST', path: '/cases', options: () => ({ body: valid }), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'garbage token',
    method: 'GET',
    path: '/cases',
    options: () => ({ headers: { authorization: 'Bearer not.a.jwt' } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'token signed by an untrusted key',
    method: 'GET',
    path: '/cases',
    options: async () => ({ headers: { authorization: await forgedOperatorToken() } }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'unknown route',
    method: 'GET',
    path: '/complaints',
    options: () => ({ user: operator }),
    status: 404,
    code: 'ROUTE_NOT_FOUND',
  },
  {
    name: 'wrong method on a known path',
    method: 'PUT',
    path: '/cases',
    options: () => post(valid),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  // Issue 12, defect 11: the local server answered these with 500 before the handlers saw them.
  {
    name: 'a path parameter with a broken percent-escape',
    method: 'GET',
    path: '/cases/%E0%A4%A',
    options: () => ({ user: operator }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a lone percent sign in a path parameter',
    method: 'GET',
    path: '/cases/%',
    options: () => ({ user: operator }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'query names that are Object.prototype members',
    method: 'GET',
    path: '/cases?constructor=1&__proto__=2',
    options: () => ({ user: operator }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
];

beforeAll(async () => {
  api = await startLocalApi();
  itemsBefore = await api.items();
});
afterAll(async () => api.stop());

describe('malformed and unauthorised requests', () => {
  it(`covers at least twenty kinds of bad request (${MALFORMED.length})`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(20);
  });

  it.each(MALFORMED)('$name → $status $code', async ({ method, path, options, status, code, field }) => {
    const response = await api.request(method, path, await options());

    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
    });
    if (field) {
      expect(response.body.error.details.map((issue: { path: string }) => issue.path)).toContain(field);
    }
  });

  it('wrote nothing for any of them', async () => {
    expect(await api.items()).toEqual(itemsBefore);
  });

  it('never echoes the rejected personal data back', async () => {
    const response = await api.request(
      'POST',
      '/cases',
      post({ ...valid, complainant: { ...valid.complainant, idNumber: '210102199003071234' } }),
    );
    expect(JSON.stringify(response.body)).not.toContain('210102199003071234');
  });
});
