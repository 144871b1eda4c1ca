import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_UNIONS } from '../../../scripts/local/demo-data.js';
import { DEFAULT_CLOCK_RULES } from '../../../shared/domain/case-clocks.js';
import { closeCase, recordFollowUp, reopenCase } from '../../../shared/domain/case-work.js';
import { rateService } from '../../../shared/domain/public-case.js';
import { type CaseRecord } from '../../../shared/domain/cases.js';
import { planRegistration, type IntakeInput } from '../../../shared/domain/registration.js';
import { chinaMonth } from '../../../shared/domain/china-time.js';
import { claim, decideTransfer, requestTransfer } from '../../../shared/domain/dispatch.js';
import { AppError } from '../../../shared/domain/errors.js';
import { escalate } from '../../../shared/domain/escalation.js';
import { CASE_ACTIONS, type CaseAction } from '../../../shared/domain/lifecycle.js';
import { FIGURE_NAMES, figureDeltas, figureLabel, recompute, sumFigures, unionMonthKey } from '../../../shared/domain/figures.js';
import { completeFigures, previousMonth, reportMonths, rollUp } from '../../../shared/domain/monthly-report.js';
import type { Caller } from '../../../shared/domain/roles.js';
import type { StaffProfile } from '../../../shared/domain/roster.js';
import type { Transition } from '../../../shared/domain/transition.js';
import { UnionDirectory } from '../../../shared/domain/unions.js';
import { CATEGORIES, CHANNELS, OUTCOMES, keysOf } from '../../../shared/domain/vocabulary.js';
import { answeredConsultation, complaint } from '../../support/fixtures.js';

/**
 * The counters a case change moves (figureDeltas, added up in the store's
 * transactions) must always equal what the case records add up to
 * (recompute): otherwise the monthly report would drift from the cases. Here
 * random case histories are played through the pure domain transitions, the
 * deltas summed as the store sums them, and both sides compared, for every
 * union-month and for every ancestor's roll-up.
 */

const directory = new UnionDirectory(DEMO_UNIONS);
/** Unions cases are registered in and transferred between: districts, cities and provinces, across two provinces. */
const UNIONS = ['210102', '210103', '210100', '210700', '210000', '511902', '511900', '510000'];
const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-10-20T02:00:00.000Z');

type Step =
  | {
      readonly type: 'register';
      readonly union: string;
      readonly category: keyof typeof CATEGORIES;
      readonly channel: keyof typeof CHANNELS;
      readonly consultation: boolean;
      readonly answeredOnCall: boolean;
      readonly workers: number;
      readonly migrantWorker: boolean;
      readonly womanWorker: boolean;
      readonly modelWorker: boolean;
      readonly amountClaimedFen?: number;
    }
  | { readonly type: 'claim'; readonly pick: number }
  | {
      readonly type: 'close';
      readonly pick: number;
      readonly outcome: keyof typeof OUTCOMES;
      readonly amountRecoveredFen?: number;
    }
  | { readonly type: 'followUp'; readonly pick: number; readonly reached: boolean; readonly satisfaction: number }
  | { readonly type: 'reopen'; readonly pick: number }
  | { readonly type: 'transfer'; readonly pick: number; readonly to: string }
  | { readonly type: 'answerTransfer'; readonly pick: number; readonly accept: boolean }
  | { readonly type: 'escalate'; readonly pick: number };

const pick = fc.nat();
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        type: fc.constant('register' as const),
        union: fc.constantFrom(...UNIONS),
        category: fc.constantFrom(...keysOf(CATEGORIES)),
        channel: fc.constantFrom('hotline', 'walk_in', 'letter', 'referral', 'web', 'wechat'),
        consultation: fc.boolean(),
        answeredOnCall: fc.boolean(),
        workers: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 })),
        migrantWorker: fc.boolean(),
        womanWorker: fc.boolean(),
        modelWorker: fc.boolean(),
        amountClaimedFen: fc.integer({ min: 0, max: 10_000_000 }),
      },
      {
        requiredKeys: [
          'type',
          'union',
          'category',
          'channel',
          'consultation',
          'answeredOnCall',
          'workers',
          'migrantWorker',
          'womanWorker',
          'modelWorker',
        ],
      },
    ),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('claim' as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        type: fc.constant('close' as const),
        pick,
        outcome: fc.constantFrom(...keysOf(OUTCOMES)),
        amountRecoveredFen: fc.integer({ min: 0, max: 10_000_000 }),
      },
      { requiredKeys: ['type', 'pick', 'outcome'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('followUp' as const),
      pick,
      reached: fc.boolean(),
      satisfaction: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reopen' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('transfer' as const), pick, to: fc.constantFrom(...UNIONS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('answerTransfer' as const), pick, accept: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('escalate' as const), pick }) },
);
/** Each step happens some time after the one before: minutes to weeks, so histories span several months. */
const history = fc.array(fc.tuple(step, fc.integer({ min: 0, max: 12 * DAY })), { minLength: 1, maxLength: 60, size: 'max' });

const adminOf = (unionCode: string): Caller => ({
  staffId: `admin-${unionCode}`,
  username: `admin-${unionCode}`,
  roles: ['legal_admin'],
  unionCode,
});
const operatorOf = (unionCode: string): Caller => ({
  staffId: `operator-${unionCode}`,
  username: `operator-${unionCode}`,
  roles: ['operator'],
  unionCode,
});

function intake(registration: Extract<Step, { type: 'register' }>): IntakeInput {
  const consultation = registration.consultation;
  return complaint({
    kind: consultation ? 'consultation' : 'complaint',
    channel: registration.channel as 'hotline',
    category: registration.category,
    complainant: {
      name: '张伟',
      mobile: '13812345678',
      migrantWorker: registration.migrantWorker,
      womanWorker: registration.womanWorker,
      modelWorker: registration.modelWorker,
    },
    workersInvolved: registration.workers,
    occurredOn: '2026-10-01',
    ...(registration.amountClaimedFen !== undefined ? { amountClaimedFen: registration.amountClaimedFen } : {}),
    ...(consultation && registration.answeredOnCall ? { answeredOnCall: { advice: '当场解答' } } : {}),
  });
}

/** A roster entry that may take the case: the pool's role, the case's category. */
function staffFor(caseRecord: CaseRecord): { profile: StaffProfile; caller: Caller } {
  const role = caseRecord.pool === 'mediation' ? 'mediator' : 'lawyer';
  const staffId = `${role}-${caseRecord.unionCode}`;
  return {
    caller: { staffId, username: staffId, roles: [role], unionCode: caseRecord.unionCode },
    profile: {
      staffId,
      displayName: staffId,
      role,
      unionCode: caseRecord.unionCode,
      unionPath: caseRecord.unionPath,
      categories: [caseRecord.category],
      capacity: 1000,
      activeCases: 0,
      dutyWeekdays: [1, 2, 3, 4, 5, 6, 7],
      dutyDates: [],
      conflicts: [],
      active: true,
      updatedAt: new Date(START).toISOString(),
    },
  };
}

/** The next state of the case, or undefined when the domain refuses the step in the case's state. */
function transitionFor(step: Step, caseRecord: CaseRecord, now: Date, ids: () => string): Transition | undefined {
  const moment = { now, newEventId: ids };
  const admin = adminOf(caseRecord.unionPath[0]!);
  switch (step.type) {
    case 'register':
      return undefined;
    case 'claim': {
      const { profile, caller } = staffFor(caseRecord);
      return claim({ caseRecord, staff: profile, caller, moment, rules: DEFAULT_CLOCK_RULES });
    }
    case 'close':
      return closeCase({
        caseRecord,
        closure: {
          outcome: step.outcome,
          summary: '办结',
          ...(step.amountRecoveredFen !== undefined ? { amountRecoveredFen: step.amountRecoveredFen } : {}),
        },
        caller: admin,
        moment,
      });
    case 'followUp':
      return recordFollowUp({
        caseRecord,
        input: step.reached ? { reached: true, satisfaction: step.satisfaction } : { reached: false },
        caller: operatorOf(caseRecord.unionCode),
        moment,
      });
    case 'reopen':
      return reopenCase({ caseRecord, reason: '复查', caller: admin, moment, rules: DEFAULT_CLOCK_RULES });
    case 'transfer':
      return requestTransfer({
        caseRecord,
        target: directory.get(step.to)!,
        targetPath: directory.pathOf(step.to),
        caller: admin,
        reason: '转交',
        moment,
      });
    case 'answerTransfer': {
      const target = caseRecord.transfer?.toUnion ?? caseRecord.unionCode;
      return decideTransfer({
        caseRecord,
        caller: adminOf(target),
        decision: step.accept ? { accept: true } : { accept: false, reason: '不属本会' },
        moment,
      });
    }
    case 'escalate':
      return escalate(caseRecord, moment);
  }
}

const ACTION_OF: Record<Exclude<Step['type'], 'register'>, CaseAction> = {
  claim: 'claim',
  close: 'close',
  followUp: 'follow_up',
  reopen: 'reopen',
  transfer: 'transfer',
  answerTransfer: 'accept_transfer',
  escalate: 'escalate',
};

/** Plays a history: the final cases, and the counters as the store would hold them (sums of every step's deltas). */
function play(steps: readonly (readonly [Step, number])[]) {
  const cases: CaseRecord[] = [];
  const counters = new Map<string, Record<string, number>>();
  const add = (before: CaseRecord | undefined, after: CaseRecord) => {
    for (const [key, deltas] of figureDeltas(before, after)) {
      const row = counters.get(key) ?? {};
      for (const [name, delta] of Object.entries(deltas)) row[name] = (row[name] ?? 0) + delta;
      counters.set(key, row);
    }
  };
  let clock = START;
  let id = 0;
  const ids = () => `id-${++id}`;
  for (const [current, wait] of steps) {
    clock += wait;
    const now = new Date(clock);
    if (current.type === 'register') {
      const unionCode = current.union;
      const { caseRecord } = planRegistration(intake(current), {
        caseId: ids(),
        unionCode,
        unionPath: directory.pathOf(unionCode),
        sequence: cases.length + 1,
        phoneHash: 'hash',
        now,
        actor: { kind: 'staff', staffId: 'operator', role: 'operator' },
        newEventId: ids,
        clockRules: DEFAULT_CLOCK_RULES,
        unionName: directory.get(unionCode)!.name,
      });
      cases.push(caseRecord);
      add(undefined, caseRecord);
      continue;
    }
    // The step applies to a case whose status allows it (the domain still has the last word).
    const candidates = cases.flatMap((caseRecord, index) =>
      (CASE_ACTIONS[ACTION_OF[current.type]].from as readonly string[]).includes(caseRecord.status) ? [index] : [],
    );
    if (candidates.length === 0) continue;
    const index = candidates[current.pick % candidates.length]!;
    const before = cases[index]!;
    let transition: Transition | undefined;
    try {
      transition = transitionFor(current, before, now, ids);
    } catch (error) {
      if (error instanceof AppError) continue; // not possible in the case's state: nothing changes
      throw error;
    }
    if (!transition) continue;
    cases[index] = transition.next;
    add(before, transition.next);
  }
  return { cases, counters };
}

/** Drops zero figures and empty union-months: a counter that went up and back down holds 0. */
function nonZero(rows: ReadonlyMap<string, Record<string, number>>): Map<string, Record<string, number>> {
  const result = new Map<string, Record<string, number>>();
  for (const [key, row] of rows) {
    const kept = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== 0));
    if (Object.keys(kept).length > 0) result.set(key, kept);
  }
  return result;
}

const monthsOf = (rows: ReadonlyMap<string, unknown>) => new Set([...rows.keys()].map((key) => key.slice(key.indexOf('#') + 1)));

describe('monthly figures: counters moved by every case change equal the recomputation from the cases', () => {
  it('for every union-month, over random histories of registrations, claims, closures, call-backs, reopenings, transfers and escalations', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { cases, counters } = play(steps);
        expect(nonZero(counters)).toEqual(nonZero(recompute(cases)));
      }),
      { numRuns: 200 },
    );
  });

  it('for every ancestor: the roll-up of the counters equals the recomputation over the ancestor’s subtree', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { cases, counters } = play(steps);
        for (const month of monthsOf(counters)) {
          for (const province of directory.all().filter((union) => union.parentCode === null)) {
            const subtree = directory.subtreeOf(province.code);
            const rolled = rollUp(
              subtree,
              (code) => directory.get(code)?.parentCode,
              (code) => counters.get(unionMonthKey(code, month)) ?? {},
            );
            for (const ancestor of subtree) {
              const inside = cases.filter((caseRecord) => directory.isWithin(caseRecord.unionCode, ancestor));
              const direct = sumFigures(
                [...recompute(inside)].filter(([key]) => key.endsWith(`#${month}`)).map(([, figures]) => figures),
              );
              expect(completeFigures(rolled.get(ancestor)!), `${ancestor} ${month}`).toEqual(completeFigures(direct));
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('cases and consultations are counted apart', () => {
  /** 10:00 on Mon 2026-11-23 in China. */
  const registeredAt = new Date('2026-11-23T02:00:00.000Z');
  const register = (input: IntakeInput) =>
    planRegistration(input, {
      caseId: 'case-1',
      unionCode: '210102',
      unionPath: directory.pathOf('210102'),
      sequence: 1,
      phoneHash: 'hash',
      now: registeredAt,
      actor: { kind: 'staff', staffId: 'operator', role: 'operator' },
      newEventId: () => 'event',
      clockRules: DEFAULT_CLOCK_RULES,
      unionName: '和平区总工会',
    }).caseRecord;
  const figuresOf = (caseRecord: CaseRecord) => Object.fromEntries(recompute([caseRecord]));
  const admin: Caller = { staffId: 'admin', username: 'admin-heping', roles: ['legal_admin'], unionCode: '210102' };
  const closeOn = (caseRecord: CaseRecord, at: string, amountRecoveredFen?: number) =>
    closeCase({
      caseRecord,
      closure: {
        outcome: 'advice_given',
        summary: '已解答',
        ...(amountRecoveredFen !== undefined ? { amountRecoveredFen } : {}),
      },
      caller: admin,
      moment: { now: new Date(at), newEventId: () => 'event' },
    }).next;

  it('a consultation answered on the call is a consultation answered on the call, not a case opened or closed', () => {
    const consultation = register({ ...answeredConsultation({ workersInvolved: 12 }), migrantWorker: true } as IntakeInput);
    expect(figuresOf(consultation)).toEqual({
      '210102#2026-11': {
        callsAnswered: 1,
        consultations: 1,
        consultationsAnswered: 1,
        answeredOnCall: 1,
        'channel.hotline': 1,
        'kind.consultation': 1,
        'category.working_hours_leave': 1,
      },
    });
  });

  it('a consultation answered days later is answered, but not on the call', () => {
    const consultation = register(answeredConsultation({ answeredOnCall: undefined }));
    const answered = closeOn(consultation, '2026-12-01T02:00:00.000Z');
    expect(figuresOf(answered)['210102#2026-12']).toEqual({ consultationsAnswered: 1 });
  });

  it('a complaint is a case: opened in its month, closed with its days and money in the month it closes', () => {
    const opened = register(complaint({ channel: 'walk_in', workersInvolved: 3, amountClaimedFen: 3_600_000 }));
    // Closed an hour later, inside its first-response clock.
    const closed = closeOn(opened, '2026-11-23T03:00:00.000Z', 1_200_000);
    expect(figuresOf(closed)).toEqual({
      '210102#2026-11': expect.objectContaining({
        opened: 1,
        workersInvolved: 3,
        amountClaimedFen: 3_600_000,
        closed: 1,
        closedOnTime: 1,
        secondsToClose: 3_600,
        amountRecoveredFen: 1_200_000,
        'outcome.advice_given': 1,
      }),
    });
    expect(figuresOf(closed)['210102#2026-11']).not.toHaveProperty('consultations');
    expect(figuresOf(closed)['210102#2026-11']).not.toHaveProperty('consultationsAnswered');
  });

  it('counts the worker’s own rating and the call-back’s apart: one never replaces the other', () => {
    const closed = closeOn(register(complaint()), '2026-11-23T03:00:00.000Z');
    const rated = rateService(closed, { score: 5 }, { now: new Date('2026-11-24T02:00:00.000Z'), newEventId: () => 'e' }).next;
    const calledBack = recordFollowUp({
      caseRecord: rated,
      input: { reached: true, satisfaction: 2 },
      caller: admin,
      moment: {
        now: new Date('2026-12-01T02:00:00.000Z'),
        newEventId: () => 'e',
      },
    }).next;
    const figures = figuresOf(calledBack);
    expect(figures['210102#2026-11']).toMatchObject({ ratedOnline: 1, satisfiedOnline: 1 });
    expect(figures['210102#2026-11']).not.toHaveProperty('rated');
    expect(figures['210102#2026-12']).toEqual({ followUps: 1, rated: 1 });
  });
});

describe('report months', () => {
  const now = new Date('2026-11-21T14:00:00.000Z'); // 22:00 in China, 2026-11

  it('lists the months of a range, across a year end', () => {
    expect(reportMonths('2025-11', '2026-02', now)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(reportMonths('2026-11', undefined, now)).toEqual(['2026-11']);
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it.each([
    ['2026-12', undefined, 'month'],
    ['2026-10', '2026-12', 'to'],
    ['2026-10', '2026-09', 'to'],
    ['2025-10', '2026-10', 'to'],
  ])('refuses %s to %s with a field path (%s)', (from, to, path) => {
    expect(() => reportMonths(from, to, now)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] }),
    );
  });

  it('takes the China month, not the server’s: 2026-11-30T16:00Z is already December in China', () => {
    expect(reportMonths('2026-12', undefined, new Date('2026-11-30T16:00:00.000Z'))).toEqual(['2026-12']);
    expect(chinaMonth(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
  });

  it('has a Chinese header for every figure', () => {
    for (const name of FIGURE_NAMES) expect(figureLabel(name)).toMatch(/[\u4e00-\u9fff]/);
  });
});
