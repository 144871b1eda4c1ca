import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, TimelineEvent } from '../../../shared/domain/cases.js';
import {
  ACCESS_CODE_LENGTH,
  checkFeedbackAllowed,
  formatAccessCode,
  nextStep,
  normalizeAccessCode,
  publicTimeline,
  rateService,
  supplementCase,
  tooManyAttempts,
} from '../../../shared/domain/public-case.js';
import { answerTo, refusedWith } from '../../support/refusal.js';

function caseWith(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: 'c1',
    caseNumber: '210103-20261121-0001',
    unionCode: '210103',
    unionPath: ['210000', '210100', '210103'],
    kind: 'complaint',
    channel: 'wechat',
    category: 'social_insurance',
    status: 'registered',
    priority: 'ordinary',
    route: 'mediation',
    regionCode: '210103',
    complainant: { nameMasked: '王*', mobileMasked: '137****1234', migrantWorker: false, modelWorker: false, womanWorker: false },
    phoneHash: 'h',
    description: 'd',
    workersInvolved: 1,
    collective: false,
    receivedAt: '2026-11-21T02:00:00.000Z',
    registeredAt: '2026-11-21T02:00:00.000Z',
    registeredBy: { kind: 'complainant' },
    version: 1,
    ...overrides,
  };
}

describe('access codes', () => {
  it('turns 8 random bytes into XXXX-XXXX-XXXX of Crockford base32 (60 bits)', () => {
    expect(formatAccessCode(new Uint8Array(8))).toBe('0000-0000-0000');
    expect(formatAccessCode(new Uint8Array(8).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = formatAccessCode(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normalizeAccessCode(code)).toBe(code.replaceAll('-', ''));
      }),
    );
  });

  it('maps distinct 60-bit prefixes to distinct codes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), (a, b) => {
        const topBits = (bytes: Uint8Array) => Buffer.from(bytes).readBigUInt64BE() >> 4n;
        fc.pre(topBits(a) !== topBits(b));
        expect(formatAccessCode(a)).not.toBe(formatAccessCode(b));
      }),
    );
  });

  it.each([
    ['k7qm-2xwd-9hrt', 'K7QM2XWD9HRT'],
    [' K7QM 2XWD 9HRT ', 'K7QM2XWD9HRT'],
    ['O0IL-0000-0000', '0011' + '00000000'],
  ])('reads %j as typed by a person → %s', (typed, canonical) => {
    expect(normalizeAccessCode(typed)).toBe(canonical);
  });

  it.each(['', 'K7QM-2XWD-9HR', 'K7QM-2XWD-9HRTX', 'K7QM-2XWD-9HRU', '验证码验证码验证码验证码'])('rejects %j', (typed) => {
    expect(normalizeAccessCode(typed)).toBeUndefined();
  });

  it('has at least 40 bits of randomness', () => {
    expect(ACCESS_CODE_LENGTH * Math.log2(32)).toBeGreaterThanOrEqual(40);
  });
});

describe('next step', () => {
  it('tells a newly registered complainant when the union is due to call', () => {
    expect(nextStep(caseWith({ priority: 'urgent' })).dueAt).toBe('2026-11-21T02:30:00.000Z');
    expect(nextStep(caseWith({ priority: 'priority' })).dueAt).toBe('2026-11-21T04:00:00.000Z');
    expect(nextStep(caseWith()).dueAt).toBe('2026-11-22T02:00:00.000Z');
  });

  it('asks for feedback on a closed or followed-up case until it is given', () => {
    expect(nextStep(caseWith({ status: 'closed' })).text).toBe('案件已办结，请对本次服务进行评价');
    expect(nextStep(caseWith({ status: 'followed_up' })).text).toBe('案件已办结，请对本次服务进行评价');
    expect(nextStep(caseWith({ status: 'closed', feedback: { score: 4, at: 'x' } })).text).toBe('感谢您的评价');
  });
});

describe('public timeline', () => {
  const event = (type: TimelineEvent['type'], actor: TimelineEvent['actor']): TimelineEvent => ({
    caseId: 'c1',
    eventId: 'e',
    seq: 1,
    at: '2026-11-21T02:00:00.000Z',
    type,
    actor,
    data: { advice: 'internal detail', text: '13812345678' },
  });

  it('names roles, never staff, and carries no event data', () => {
    const entries = publicTimeline([
      event('registered', { kind: 'staff', staffId: '8d1c7f0e-0001', role: 'operator' }),
      event('supplement_added', { kind: 'complainant' }),
    ]);
    expect(entries).toEqual([
      { at: '2026-11-21T02:00:00.000Z', what: '案件已登记', by: '12351热线' },
      { at: '2026-11-21T02:00:00.000Z', what: '您补充了材料', by: '您' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/8d1c7f0e|13812345678|internal/);
  });

  it('shows the worker the steps of their case but not the union’s internal working', () => {
    const lawyer = { kind: 'staff', staffId: '8d1c7f0e-0005', role: 'lawyer' } as const;
    const entries = publicTimeline([
      event('arbitration_filed', lawyer),
      event('note_added', lawyer),
      event('call_logged', lawyer),
      event('deadline_missed', { kind: 'system' }),
      event('closed', lawyer),
    ]);
    expect(entries.map((entry) => entry.what)).toEqual(['已申请劳动争议仲裁', '案件已办结']);
  });
});

describe('feedback rules', () => {
  it.each(['registered', 'in_pool', 'in_progress', 'transfer_pending'] as const)(
    'refuses feedback while the case is %s',
    (status) => {
      expect(() => checkFeedbackAllowed(caseWith({ status }))).toThrow(refusedWith({ status: 409 }));
    },
  );

  it('accepts it once the case is closed, and only once', () => {
    expect(() => checkFeedbackAllowed(caseWith({ status: 'closed' }))).not.toThrow();
    expect(() => checkFeedbackAllowed(caseWith({ status: 'closed', feedback: { score: 5, at: 'x' } }))).toThrow(
      refusedWith({ status: 409 }),
    );
  });
});

describe('the complainant’s changes are transitions', () => {
  const moment = { now: new Date('2026-11-25T02:00:00.000Z'), newEventId: () => 'e1' };

  it('a supplement moves the version and the count, with its event', () => {
    const { next, events } = supplementCase(caseWith({ version: 7, supplementCount: 3 }), '工资条在我这里', moment);
    expect(next).toMatchObject({ version: 8, supplementCount: 4 });
    expect(events).toEqual([
      {
        caseId: 'c1',
        eventId: 'e1',
        seq: 1,
        at: '2026-11-25T02:00:00.000Z',
        type: 'supplement_added',
        actor: { kind: 'complainant' },
        data: { text: '工资条在我这里' },
      },
    ]);
  });

  it('refuses the 21st supplement, in Chinese', () => {
    expect(() => supplementCase(caseWith({ supplementCount: 20 }), '第21条', moment)).toThrow(
      refusedWith({ status: 409, said: expect.objectContaining({ zh: expect.stringContaining('最多补充20次') }) }),
    );
  });

  it('a rating moves the version and is dated when given', () => {
    const { next, events } = rateService(caseWith({ status: 'closed', version: 4 }), { score: 5, comment: '谢谢' }, moment);
    expect(next).toMatchObject({ version: 5, feedback: { score: 5, comment: '谢谢', at: '2026-11-25T02:00:00.000Z' } });
    expect(events.map((event) => event.type)).toEqual(['feedback_given']);
  });
});

describe('too many attempts', () => {
  it('says in Chinese how many minutes to wait, and Retry-After in seconds', () => {
    const error = tooManyAttempts(1_000_000 + 14 * 60 * 1000 + 30 * 1000, 1_000_000);
    expect(answerTo(error)).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      said: expect.objectContaining({ zh: '尝试次数过多，请15分钟后再试' }),
      headers: { 'Retry-After': '870' },
    });
  });
});
