import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CallerLookupBody, ListCasesQuery, RegisterCaseBody } from '../../../shared/schemas/case.js';

type Body = Record<string, unknown>;

// `examples` is typed loosely by the registry (an array or a record of named examples).
const registeredExamples = z.globalRegistry.get(RegisterCaseBody)?.examples as unknown[] | undefined;
const registeredExample = registeredExamples?.[0] as Body | undefined;

/** The documented example, deep-copied so that each test can change it freely. */
function example(): Body {
  if (!registeredExample) throw new Error('RegisterCaseBody has no registered example');
  return structuredClone(registeredExample);
}

function withComplainant(changes: Body): Body {
  const body = example();
  return { ...body, complainant: { ...(body.complainant as Body), ...changes } };
}

function withEmployer(changes: Body): Body {
  const body = example();
  return { ...body, employer: { ...(body.employer as Body), ...changes } };
}

function without(body: Body, ...keys: string[]): Body {
  const copy = { ...body };
  for (const key of keys) delete copy[key];
  return copy;
}

const consultation = (): Body => ({
  ...without(example(), 'employer', 'amountClaimedFen'),
  kind: 'consultation',
  category: 'working_hours_leave',
  description: '加班费怎么计算？',
});

/** The paths of all issues, for a parse that must fail. */
function issuePaths(schema: z.ZodMiniType, input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  expect(result.success, 'expected the input to be rejected').toBe(false);
  return result.error!.issues.map((issue) => issue.path);
}

describe('RegisterCaseBody', () => {
  it('has a registered example, and the example parses', () => {
    expect(registeredExamples).toHaveLength(1);
    const result = RegisterCaseBody.safeParse(example());
    expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('fills in defaults and keeps what was given', () => {
    const parsed = RegisterCaseBody.parse(example());
    expect(parsed.complainant).toEqual({
      name: '张伟',
      mobile: '13812345678',
      idNumber: '210102199003071233',
      migrantWorker: true,
      modelWorker: false,
      womanWorker: false,
    });
    expect(parsed.amountClaimedFen).toBe(3_600_000);
    expect(parsed.workersInvolved).toBe(1);
    expect(RegisterCaseBody.parse(without(example(), 'workersInvolved')).workersInvolved).toBe(1);
  });

  it('trims text a person typed', () => {
    const parsed = RegisterCaseBody.parse({ ...withComplainant({ name: '  张伟 ' }), description: '\n 工资未发 \t' });
    expect(parsed.complainant.name).toBe('张伟');
    expect(parsed.description).toBe('工资未发');
  });

  describe('unknown fields are rejected, naming where they are', () => {
    it.each([
      ['the body', (): Body => ({ ...example(), priority: 'urgent' }), [], 'priority'],
      ['the complainant', (): Body => withComplainant({ age: 35 }), ['complainant'], 'age'],
      ['the employer', (): Body => withEmployer({ address: '和平区' }), ['employer'], 'address'],
      [
        'answeredOnCall',
        (): Body => ({ ...consultation(), answeredOnCall: { advice: '按日工资的150%支付', by: 'operator' } }),
        ['answeredOnCall'],
        'by',
      ],
    ])('an unknown field in %s', (_where, build, path, key) => {
      const result = RegisterCaseBody.safeParse(build());
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path, keys: [key] })]);
    });
  });

  describe('answeredOnCall', () => {
    it('is accepted on a consultation', () => {
      const parsed = RegisterCaseBody.parse({ ...consultation(), answeredOnCall: { advice: '按日工资的150%支付' } });
      expect(parsed.answeredOnCall).toEqual({ advice: '按日工资的150%支付' });
    });

    it.each(['complaint', 'legal_aid_application', 'petition', 'suggestion'])(
      'is rejected on a %s at [answeredOnCall]',
      (kind) => {
        const body = { ...example(), kind, answeredOnCall: { advice: '已解答' } };
        expect(issuePaths(RegisterCaseBody, body)).toEqual([['answeredOnCall']]);
      },
    );

    it('needs advice that is not blank', () => {
      expect(issuePaths(RegisterCaseBody, { ...consultation(), answeredOnCall: { advice: '   ' } })).toEqual([
        ['answeredOnCall', 'advice'],
      ]);
    });
  });

  describe('employer', () => {
    it.each(['complaint', 'legal_aid_application', 'petition'])('a %s without an employer is rejected at [employer]', (kind) => {
      const body = { ...without(example(), 'employer'), kind };
      const result = RegisterCaseBody.safeParse(body);
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([
        expect.objectContaining({ path: ['employer'], message: `a ${kind} must name the employer` }),
      ]);
    });

    it.each(['consultation', 'suggestion'])('a %s without an employer is accepted', (kind) => {
      const result = RegisterCaseBody.safeParse({ ...consultation(), kind });
      expect(result.error?.issues).toBeUndefined();
      expect(result.data?.employer).toBeUndefined();
    });

    it('reports both cross-field problems together', () => {
      const body = { ...without(example(), 'employer'), answeredOnCall: { advice: '已解答' } };
      expect(issuePaths(RegisterCaseBody, body).sort()).toEqual([['answeredOnCall'], ['employer']]);
    });

    it('may be named without a credit code', () => {
      expect(RegisterCaseBody.safeParse({ ...example(), employer: { name: '某劳务公司' } }).success).toBe(true);
    });
  });

  describe('amountClaimedFen is a non-negative whole number of fen', () => {
    it.each([0, 1, 3_600_000, 100_000_000_000])('accepts %d', (amount) => {
      expect(RegisterCaseBody.parse({ ...example(), amountClaimedFen: amount }).amountClaimedFen).toBe(amount);
    });

    it('may be left out', () => {
      expect(RegisterCaseBody.parse(without(example(), 'amountClaimedFen')).amountClaimedFen).toBeUndefined();
    });

    it.each([
      [36000.5, 'a fraction of a fen'],
      [0.1, 'yuan written as a decimal'],
      [-1, 'negative'],
      [-3_600_000, 'negative'],
      [100_000_000_001, 'more than one billion yuan'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'infinity'],
      ['3600000', 'a string'],
      [null, 'null'],
    ])('rejects %s (%s) at [amountClaimedFen]', (amount, _why) => {
      expect(issuePaths(RegisterCaseBody, { ...example(), amountClaimedFen: amount })).toEqual([['amountClaimedFen']]);
    });
  });

  describe('field validation names the field', () => {
    it.each([
      ['channel web (web complaints use the public routes)', (): Body => ({ ...example(), channel: 'web' }), ['channel']],
      ['channel wechat', (): Body => ({ ...example(), channel: 'wechat' }), ['channel']],
      ['an unknown kind', (): Body => ({ ...example(), kind: 'inquiry' }), ['kind']],
      ['an unknown category', (): Body => ({ ...example(), category: 'wages' }), ['category']],
      ['a county without its city', (): Body => ({ ...example(), regionCode: '210012' }), ['regionCode']],
      ['a 5-digit region', (): Body => ({ ...example(), regionCode: '21010' }), ['regionCode']],
      ['a number without its area code', (): Body => withComplainant({ mobile: '88888888' }), ['complainant', 'mobile']],
      ['a wrong ID check digit', (): Body => withComplainant({ idNumber: '210102199003071234' }), ['complainant', 'idNumber']],
      ['a blank name', (): Body => withComplainant({ name: '  ' }), ['complainant', 'name']],
      ['a 51-character name', (): Body => withComplainant({ name: '张'.repeat(51) }), ['complainant', 'name']],
      [
        'a wrong credit-code check character',
        (): Body => withEmployer({ creditCode: '91210102MA0QC12348' }),
        ['employer', 'creditCode'],
      ],
      ['a blank employer name', (): Body => withEmployer({ name: '' }), ['employer', 'name']],
      ['a blank description', (): Body => ({ ...example(), description: ' \n ' }), ['description']],
      ['a description over 4000 characters', (): Body => ({ ...example(), description: '欠'.repeat(4001) }), ['description']],
      ['no workers', (): Body => ({ ...example(), workersInvolved: 0 }), ['workersInvolved']],
      ['2.5 workers', (): Body => ({ ...example(), workersInvolved: 2.5 }), ['workersInvolved']],
      ['29 February of a common year', (): Body => ({ ...example(), occurredOn: '2026-02-29' }), ['occurredOn']],
      ['a date with a time', (): Body => ({ ...example(), occurredOn: '2026-10-31T00:00:00Z' }), ['occurredOn']],
      ['31 April', (): Body => ({ ...example(), employmentEndedOn: '2026-04-31' }), ['employmentEndedOn']],
      ['receivedAt without an offset', (): Body => ({ ...example(), receivedAt: '2026-11-21T20:15:03' }), ['receivedAt']],
      ['receivedAt as a date only', (): Body => ({ ...example(), receivedAt: '2026-11-21' }), ['receivedAt']],
      ['migrantWorker as a string', (): Body => withComplainant({ migrantWorker: 'yes' }), ['complainant', 'migrantWorker']],
    ])('rejects %s', (_what, build, path) => {
      expect(issuePaths(RegisterCaseBody, build())).toEqual([path]);
    });

    it.each([
      ['29 February of a leap year', (): Body => ({ ...example(), occurredOn: '2028-02-29' })],
      ['receivedAt in China time', (): Body => ({ ...example(), receivedAt: '2026-11-21T20:15:03+08:00' })],
      ['receivedAt in UTC', (): Body => ({ ...example(), receivedAt: '2026-11-21T12:15:03.123Z' })],
      ['a collective dispute', (): Body => ({ ...example(), workersInvolved: 12 })],
      ['a walk-in', (): Body => ({ ...example(), channel: 'walk_in' })],
      ['a referral', (): Body => ({ ...example(), channel: 'referral' })],
      ['no ID number', (): Body => withComplainant({ idNumber: undefined })],
      ['an ID ending in X', (): Body => withComplainant({ idNumber: '11010519491231002X' })],
      ['a 50-character name', (): Body => withComplainant({ name: '张'.repeat(50) })],
    ])('accepts %s', (_what, build) => {
      const result = RegisterCaseBody.safeParse(build());
      expect(result.error?.issues).toBeUndefined();
    });

    it('accepts an ID number with a lowercase check character x and stores it as written on the card', () => {
      const idNumber = '11010519491231002x';
      expect(RegisterCaseBody.parse(withComplainant({ idNumber })).complainant.idNumber).toBe('11010519491231002X');
    });
  });
});

describe('ListCasesQuery', () => {
  it.each([
    ['25', 25],
    ['1', 1],
    ['100', 100],
    ['007', 7],
  ])('limit %j becomes the number %d', (limit, expected) => {
    expect(ListCasesQuery.parse({ limit }).limit).toBe(expected);
  });

  it.each(['0', '101', '999', '1000', 'abc', '', '-1', '2.5', '1e2', ' 25', '25 ', '0x10'])(
    'rejects limit %j at [limit]',
    (limit) => {
      expect(issuePaths(ListCasesQuery, { limit })).toEqual([['limit']]);
    },
  );

  it('rejects a limit that is already a number (query strings are text)', () => {
    expect(issuePaths(ListCasesQuery, { limit: 25 })).toEqual([['limit']]);
  });

  it('accepts an empty query, leaving the limit unset', () => {
    expect(ListCasesQuery.parse({})).toEqual({});
  });

  it('accepts every filter together', () => {
    const query = { status: 'in_pool', category: 'work_injury', kind: 'complaint', month: '2026-12', limit: '50', cursor: 'abc' };
    expect(ListCasesQuery.parse(query)).toEqual({ ...query, limit: 50 });
  });

  it.each([
    ['status', 'open'],
    ['category', '工伤'],
    ['kind', 'Complaint'],
    ['month', '2026-13'],
    ['month', '2026-00'],
    ['month', '2026-1'],
    ['month', '2026-12-01'],
    ['cursor', 'x'.repeat(513)],
  ])('rejects %s=%j at [%s]', (field, value) => {
    expect(issuePaths(ListCasesQuery, { [field]: value })).toEqual([[field]]);
  });

  it('rejects an unknown query parameter', () => {
    const result = ListCasesQuery.safeParse({ limit: '25', sort: 'asc' });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['sort'] })]);
  });
});

describe('a complainant phoning from a landline', () => {
  it.each([
    ['024-23456789', '024-23456789'],
    ['(0411) 888 8888', '0411-8888888'],
    ['+86 138 1234 5678', '13812345678'],
  ])('is registered with the number %j stored as %s', (written, canonical) => {
    const body = RegisterCaseBody.parse({ ...example(), complainant: { ...(example().complainant as Body), mobile: written } });
    expect(body.complainant.mobile).toBe(canonical);
  });
});

describe('CallerLookupBody', () => {
  it('parses its registered examples', () => {
    const examples = z.globalRegistry.get(CallerLookupBody)?.examples as unknown[] | undefined;
    expect(examples?.map((body) => CallerLookupBody.parse(body))).toEqual([{ phone: '13812345678' }, { phone: '024-23456789' }]);
  });

  it.each([
    ['+86 138-1234-5678', '13812345678'],
    ['024-23456789', '024-23456789'],
    ['(024) 2345 6789', '024-23456789'],
    ['+86 24 23456789', '024-23456789'],
    ['0411-8888888', '0411-8888888'],
    ['010 1234 5678', '010-12345678'],
  ])('reads the mobile or landline %j as %s', (written, canonical) => {
    expect(CallerLookupBody.parse({ phone: written })).toEqual({ phone: canonical });
  });

  it.each(['12812345678', '1381234567', '23456789', '024-234567', '+1 415 555 0100', ''])(
    'rejects the phone %j at [phone]',
    (phone) => {
      expect(issuePaths(CallerLookupBody, { phone })).toEqual([['phone']]);
    },
  );

  it('rejects a missing phone at [phone]', () => {
    expect(issuePaths(CallerLookupBody, {})).toEqual([['phone']]);
  });

  it('rejects unknown fields', () => {
    const result = CallerLookupBody.safeParse({ phone: '13812345678', name: '张伟' });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['name'] })]);
  });
});
