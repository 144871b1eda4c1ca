import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_UNIONS } from '../../../scripts/local/demo-data.js';
import { DEFAULT_CLOCK_RULES } from '../../../shared/domain/case-clocks.js';
import { closeCase, recordFollowUp, recordWork, reopenCase } from '../../../shared/domain/case-work.js';
import { rateService, supplementCase } from '../../../shared/domain/public-case.js';
import { type CaseRecord } from '../../../shared/domain/cases.js';
import { planRegistration, type IntakeInput } from '../../../shared/domain/registration.js';
import { chinaDate, chinaMonth } from '../../../shared/domain/china-time.js';
import { assign, claim, decideTransfer, requestTransfer } from '../../../shared/domain/dispatch.js';
import { AppError } from '../../../shared/domain/errors.js';
import { escalate } from '../../../shared/domain/escalation.js';
import { CASE_ACTIONS } from '../../../shared/domain/lifecycle.js';
import { CALL_DIRECTIONS, logHotlineCall, type CallDirection } from '../../../shared/domain/hotline-calls.js';
import { FIGURE_NAMES, figureDeltas, figureLabel, recompute, sumFigures, unionMonthKey } from '../../../shared/domain/figures.js';
import { completeFigures, previousMonth, reportMonths, rollUp } from '../../../shared/domain/monthly-report.js';
import type { Caller } from '../../../shared/domain/roles.js';
import type { StaffProfile } from '../../../shared/domain/roster.js';
import type { Transition } from '../../../shared/domain/transition.js';
import { UnionDirectory } from '../../../shared/domain/unions.js';
import { CATEGORIES, CHANNELS, MONEY_KINDS, OUTCOMES, keysOf, type MoneyKind } from '../../../shared/domain/vocabulary.js';
import { answeredConsultation, complaint } from '../../support/fixtures.js';
import { countByHand } from '../../support/figures-by-hand.js';

/**
 * The monthly figures as DOMAIN.md's report defines them. First, each kind of
 * case change on its own: exactly which figures it moves, by how much, in
 * which union and month (figureDeltas, what the store adds to the counters in
 * the change's transaction). Then random case histories played through the
 * pure domain transitions: after every step, the counters (the deltas summed
 * as the store sums them) must equal a plain count of the case records as they
 * stand, written here from the report's definition and independent of
 * contributionsOf, for every union-month and every ancestor's roll-up.
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
      /** A legal-aid application rather than a complaint (when not a consultation). */
      readonly legalAid?: boolean;
    }
  | { readonly type: 'claim'; readonly pick: number }
  | { readonly type: 'pay'; readonly pick: number; readonly kind: MoneyKind; readonly amountFen: number }
  | {
      readonly type: 'close';
      readonly pick: number;
      readonly outcome: keyof typeof OUTCOMES;
      readonly amountRecoveredFen?: number;
      readonly amountsRecoveredFen?: Partial<Record<MoneyKind, number>>;
    }
  | { readonly type: 'followUp'; readonly pick: number; readonly reached: boolean; readonly satisfaction: number }
  | { readonly type: 'reopen'; readonly pick: number }
  | { readonly type: 'transfer'; readonly pick: number; readonly to: string }
  | { readonly type: 'answerTransfer'; readonly pick: number; readonly accept: boolean }
  | { readonly type: 'escalate'; readonly pick: number }
  | { readonly type: 'call'; readonly pick: number; readonly direction: CallDirection }
  | { readonly type: 'rate'; readonly pick: number; readonly score: number };

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
        legalAid: fc.boolean(),
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
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      pick,
      kind: fc.constantFrom(...keysOf(MONEY_KINDS)),
      amountFen: fc.integer({ min: 1, max: 5_000_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        type: fc.constant('close' as const),
        pick,
        outcome: fc.constantFrom(...keysOf(OUTCOMES)),
        amountRecoveredFen: fc.integer({ min: 0, max: 10_000_000 }),
        amountsRecoveredFen: fc.record(
          { wages: fc.integer({ min: 0, max: 10_000_000 }), injury_compensation: fc.integer({ min: 0, max: 10_000_000 }) },
          { requiredKeys: [] },
        ),
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
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('call' as const), pick, direction: fc.constantFrom(...keysOf(CALL_DIRECTIONS)) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('rate' as const), pick, score: fc.integer({ min: 1, max: 5 }) }) },
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
    kind: consultation ? 'consultation' : registration.legalAid ? 'legal_aid_application' : 'complaint',
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
          // Old clients send one total, newer ones amounts by kind; a closure with both is refused.
          ...(step.amountsRecoveredFen
            ? { amountsRecoveredFen: step.amountsRecoveredFen }
            : step.amountRecoveredFen !== undefined
              ? { amountRecoveredFen: step.amountRecoveredFen }
              : {}),
        },
        caller: admin,
        moment,
      });
    case 'pay':
      return recordWork({
        caseRecord,
        entry: { type: 'payment_received', receivedOn: chinaDate(now), kind: step.kind, amountFen: step.amountFen },
        caller: admin,
        moment,
        rules: DEFAULT_CLOCK_RULES,
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
    case 'call':
      return logHotlineCall({
        caseRecord,
        call: { direction: step.direction, note: '来电' },
        caller: operatorOf(caseRecord.unionCode),
        moment,
      });
    case 'rate':
      return rateService(caseRecord, { score: step.score }, moment);
  }
}

/** The statuses each step may apply in: its case action's, or a closed case's for the worker's online rating. */
const STATUSES_OF: Record<Exclude<Step['type'], 'register'>, readonly string[]> = {
  claim: CASE_ACTIONS.claim.from,
  pay: CASE_ACTIONS.record_work.from,
  close: CASE_ACTIONS.close.from,
  followUp: CASE_ACTIONS.follow_up.from,
  reopen: CASE_ACTIONS.reopen.from,
  transfer: CASE_ACTIONS.transfer.from,
  answerTransfer: CASE_ACTIONS.accept_transfer.from,
  escalate: CASE_ACTIONS.escalate.from,
  call: CASE_ACTIONS.log_call.from,
  rate: ['closed', 'followed_up'],
};

/**
 * Plays a history: the final cases, and the counters as the store would hold
 * them (sums of every step's deltas). `afterEach` sees every intermediate
 * state.
 */
function play(
  steps: readonly (readonly [Step, number])[],
  afterEach: (cases: readonly CaseRecord[], counters: ReadonlyMap<string, Record<string, number>>) => void = () => undefined,
) {
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
      afterEach(cases, counters);
      continue;
    }
    // The step applies to a case whose status allows it (the domain still has the last word).
    const candidates = cases.flatMap((caseRecord, index) =>
      STATUSES_OF[current.type].includes(caseRecord.status) ? [index] : [],
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
    afterEach(cases, counters);
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

describe('monthly figures: the counters every case change moves equal a count of the case records by hand', () => {
  it('after every step of random histories of registrations, calls, claims, closures, call-backs, ratings, reopenings, transfers and escalations', () => {
    fc.assert(
      fc.property(history, (steps) => {
        play(steps, (cases, counters) => expect(nonZero(counters)).toEqual(nonZero(countByHand(cases))));
      }),
      { numRuns: 200 },
    );
  });

  it('for every ancestor: the roll-up of the counters equals the count by hand over the ancestor’s subtree', () => {
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
                [...countByHand(inside)].filter(([key]) => key.endsWith(`#${month}`)).map(([, figures]) => figures),
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

/** 10:00 on Mon 2026-11-23 in China. */
const NOV_23 = '2026-11-23T02:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const later = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
const at = (instant: string) => ({ now: new Date(instant), newEventId: () => 'event' });

/** Registers `input` in `unionCode` at `instant`, as an operator does. */
function registerIn(input: IntakeInput, unionCode = '210102', instant = NOV_23): CaseRecord {
  return planRegistration(input, {
    caseId: 'case-1',
    unionCode,
    unionPath: directory.pathOf(unionCode),
    sequence: 1,
    phoneHash: 'hash',
    now: new Date(instant),
    actor: { kind: 'staff', staffId: 'operator', role: 'operator' },
    newEventId: () => 'event',
    clockRules: DEFAULT_CLOCK_RULES,
    unionName: directory.get(unionCode)!.name,
  }).caseRecord;
}

/** figureDeltas as a plain object: `<union>#<month>` → the figures that move, by how much. */
const deltasOf = (before: CaseRecord | undefined, after: CaseRecord) => Object.fromEntries(figureDeltas(before, after));

const worker = { name: '张伟', mobile: '13812345678', migrantWorker: false, womanWorker: false, modelWorker: false };

/** The documented hotline complaint: a migrant worker's wage arrears of ¥36,000, one worker. */
const WAGE_COMPLAINT_FIGURES = {
  callsAnswered: 1,
  opened: 1,
  workersInvolved: 1,
  migrantWorker: 1,
  amountClaimedFen: 3_600_000,
  'channel.hotline': 1,
  'kind.complaint': 1,
  'category.wage_arrears': 1,
};

const negated = (figures: Record<string, number>) =>
  Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, -value]));

describe('what each case change moves in the monthly figures (union, month, figure, amount)', () => {
  describe('registration counts in the union and China month it is registered in', () => {
    it.each<{ what: string; input: IntakeInput; instant?: string; figures: Record<string, Record<string, number>> }>([
      {
        what: 'a migrant worker’s wage-arrears complaint on the hotline: an answered call and a case with its flags and amount',
        input: complaint() as IntakeInput,
        figures: { '210102#2026-11': WAGE_COMPLAINT_FIGURES },
      },
      {
        what: 'a collective walk-in complaint by a woman model worker for 12 workers, no amount named: no call',
        input: {
          ...(complaint({ channel: 'walk_in', category: 'women_workers_rights', workersInvolved: 12 }) as IntakeInput),
          complainant: { ...worker, womanWorker: true, modelWorker: true },
          amountClaimedFen: undefined,
        } as IntakeInput,
        figures: {
          '210102#2026-11': {
            opened: 1,
            workersInvolved: 12,
            collective: 1,
            womanWorker: 1,
            modelWorker: 1,
            'channel.walk_in': 1,
            'kind.complaint': 1,
            'category.women_workers_rights': 1,
          },
        },
      },
      {
        what: 'a legal-aid application by letter: a case',
        input: {
          ...(complaint({
            kind: 'legal_aid_application',
            channel: 'letter',
            category: 'work_injury',
            workersInvolved: 2,
          }) as IntakeInput),
          complainant: worker,
          amountClaimedFen: 50_000_000,
        },
        figures: {
          '210102#2026-11': {
            opened: 1,
            workersInvolved: 2,
            amountClaimedFen: 50_000_000,
            'channel.letter': 1,
            'kind.legal_aid_application': 1,
            'category.work_injury': 1,
          },
        },
      },
      {
        what: 'a petition referred by another body: a case',
        input: {
          ...(complaint({ kind: 'petition', channel: 'referral', category: 'social_insurance' }) as IntakeInput),
          complainant: worker,
        },
        figures: {
          '210102#2026-11': {
            opened: 1,
            workersInvolved: 1,
            amountClaimedFen: 3_600_000,
            'channel.referral': 1,
            'kind.petition': 1,
            'category.social_insurance': 1,
          },
        },
      },
      {
        what: 'a consultation answered on the call, for 12 migrant workers: answered on the call, no case, no case flags',
        input: answeredConsultation({
          workersInvolved: 12,
          complainant: { ...worker, migrantWorker: true },
        }) as IntakeInput,
        figures: {
          '210102#2026-11': {
            callsAnswered: 1,
            consultations: 1,
            consultationsAnswered: 1,
            answeredOnCall: 1,
            'channel.hotline': 1,
            'kind.consultation': 1,
            'category.working_hours_leave': 1,
          },
        },
      },
      {
        what: 'a consultation at the walk-in desk, to be answered later: a consultation, not yet answered',
        input: answeredConsultation({ channel: 'walk_in', answeredOnCall: undefined }) as IntakeInput,
        figures: {
          '210102#2026-11': { consultations: 1, 'channel.walk_in': 1, 'kind.consultation': 1, 'category.working_hours_leave': 1 },
        },
      },
      {
        what: 'a suggestion on the hotline: the call and the breakdowns only',
        input: { ...(complaint({ kind: 'suggestion', category: 'other' }) as IntakeInput), complainant: worker },
        figures: { '210102#2026-11': { callsAnswered: 1, 'channel.hotline': 1, 'kind.suggestion': 1, 'category.other': 1 } },
      },
      {
        what: 'a complaint registered at 00:30 on 1 December in China (16:30 UTC on 30 November): December’s',
        input: complaint() as IntakeInput,
        instant: '2026-11-30T16:30:00.000Z',
        figures: { '210102#2026-12': WAGE_COMPLAINT_FIGURES },
      },
    ])('$what', ({ input, instant, figures }) => {
      expect(deltasOf(undefined, registerIn(input, '210102', instant))).toEqual(figures);
    });
  });

  const admin = adminOf('210102');
  const lawyer = staffFor(registerIn(complaint({ category: 'work_injury' }) as IntakeInput));
  /** A work-injury complaint (the lawyer pool) registered on 23 November. */
  const injury = () => registerIn({ ...(complaint({ category: 'work_injury' }) as IntakeInput), complainant: worker });
  const closedOnTime = (outcome: keyof typeof OUTCOMES = 'mediated_agreement') =>
    closeCase({
      caseRecord: injury(),
      closure: { outcome, summary: '办结', amountRecoveredFen: 1_200_000 },
      caller: admin,
      moment: at(later(NOV_23, HOUR)),
    }).next;

  it.each<{ change: string; transition: () => Transition }>([
    {
      change: 'a lawyer claims the case',
      transition: () =>
        claim({
          caseRecord: injury(),
          staff: lawyer.profile,
          caller: lawyer.caller,
          moment: at(later(NOV_23, HOUR)),
          rules: DEFAULT_CLOCK_RULES,
        }),
    },
    {
      change: 'the legal department assigns it',
      transition: () =>
        assign({
          caseRecord: injury(),
          staff: lawyer.profile,
          caller: admin,
          moment: at(later(NOV_23, HOUR)),
          rules: DEFAULT_CLOCK_RULES,
        }),
    },
    {
      change: 'the lawyer records work on it',
      transition: () => {
        const claimed = claim({
          caseRecord: injury(),
          staff: lawyer.profile,
          caller: lawyer.caller,
          moment: at(later(NOV_23, HOUR)),
          rules: DEFAULT_CLOCK_RULES,
        }).next;
        return recordWork({
          caseRecord: claimed,
          entry: { type: 'note', text: '已联系用人单位' },
          caller: lawyer.caller,
          moment: at(later(NOV_23, 2 * HOUR)),
          rules: DEFAULT_CLOCK_RULES,
        });
      },
    },
    {
      change: 'the worker adds information online',
      transition: () => supplementCase(injury(), '补充工资条', at(later(NOV_23, HOUR))),
    },
    {
      change: 'a transfer is requested (the case stays the sender’s until accepted)',
      transition: () =>
        requestTransfer({
          caseRecord: injury(),
          target: directory.get('210103')!,
          targetPath: directory.pathOf('210103'),
          caller: admin,
          reason: '转交',
          moment: at(later(NOV_23, HOUR)),
        }),
    },
    {
      change: 'a transfer is rejected',
      transition: () => {
        const pending = requestTransfer({
          caseRecord: injury(),
          target: directory.get('210103')!,
          targetPath: directory.pathOf('210103'),
          caller: admin,
          reason: '转交',
          moment: at(later(NOV_23, HOUR)),
        });
        return decideTransfer({
          caseRecord: pending.next,
          caller: adminOf('210103'),
          decision: { accept: false, reason: '不属本会' },
          moment: at(later(NOV_23, 2 * HOUR)),
        });
      },
    },
  ])('moves no figure when $change', ({ transition }) => {
    const { next } = transition();
    const before = injury();
    expect(next.version).toBeGreaterThan(before.version);
    expect(deltasOf(before, next)).toEqual({});
  });

  it.each(keysOf(OUTCOMES))(
    'closing a case on time with outcome %s: closed, on time, its seconds, money and outcome',
    (outcome) => {
      const closed = closeCase({
        caseRecord: injury(),
        closure: { outcome, summary: '办结', amountRecoveredFen: 1_200_000 },
        caller: admin,
        moment: at(later(NOV_23, HOUR)),
      });
      expect(deltasOf(injury(), closed.next)).toEqual({
        '210102#2026-11': {
          closed: 1,
          closedOnTime: 1,
          secondsToClose: 3_600,
          amountRecoveredFen: 1_200_000,
          // One total from an older client: a work-injury case's money is injury compensation.
          'recoveredFen.injury_compensation': 1_200_000,
          [`outcome.${outcome}`]: 1,
        },
      });
    },
  );

  it('closing late, in the next month: closed in December, not on time; overdue in November, when its first clock fell due', () => {
    const closed = closeCase({
      caseRecord: injury(),
      closure: { outcome: 'withdrawn', summary: '撤回' },
      caller: admin,
      moment: at('2026-12-01T02:00:00.000Z'),
    });
    expect(deltasOf(injury(), closed.next)).toEqual({
      '210102#2026-12': { closed: 1, secondsToClose: 8 * 86_400, 'outcome.withdrawn': 1 },
      '210102#2026-11': { overdue: 1 },
    });
  });

  it('answering a consultation eight days later: answered in December, not on the call, no case closed; late since its first response fell due', () => {
    const consultation = registerIn(answeredConsultation({ answeredOnCall: undefined }) as IntakeInput);
    const answered = closeCase({
      caseRecord: consultation,
      closure: { outcome: 'advice_given', summary: '已解答' },
      caller: admin,
      moment: at('2026-12-01T02:00:00.000Z'),
    });
    // The 12351 first-response tiers apply to every request; only the on-time rate and days to close are over cases.
    expect(deltasOf(consultation, answered.next)).toEqual({
      '210102#2026-12': { consultationsAnswered: 1 },
      '210102#2026-11': { overdue: 1 },
    });
  });

  it('the sweeper finding a missed first response in December: overdue in November, when the clock fell due', () => {
    const escalated = escalate(injury(), at('2026-12-02T02:00:00.000Z'));
    expect(escalated).toBeDefined();
    expect(deltasOf(injury(), escalated!.next)).toEqual({ '210102#2026-11': { overdue: 1 } });
    // A second sweep finds nothing more to escalate: the case is overdue once.
    expect(escalate(escalated!.next, at('2026-12-03T02:00:00.000Z'))).toBeUndefined();
  });

  it('a missed claim-idle clock moves the case back to the pool, but makes no case overdue', () => {
    const claimed = claim({
      caseRecord: injury(),
      staff: lawyer.profile,
      caller: lawyer.caller,
      moment: at(later(NOV_23, HOUR)),
      rules: DEFAULT_CLOCK_RULES,
    }).next;
    const idle = claimed.deadlines!.find((deadline) => deadline.clock === 'claim_idle')!;
    const escalated = escalate(claimed, at(later(idle.dueAt, 60_000)));
    expect(escalated?.next.status).toBe('in_pool');
    expect(deltasOf(claimed, escalated!.next)).toEqual({});
  });

  it.each<{
    outcome: string;
    followUp: { reached: true; satisfaction: number } | { reached: false };
    figures: Record<string, number>;
  }>([
    { outcome: 'satisfied (5)', followUp: { reached: true, satisfaction: 5 }, figures: { followUps: 1, rated: 1, satisfied: 1 } },
    { outcome: 'satisfied (4)', followUp: { reached: true, satisfaction: 4 }, figures: { followUps: 1, rated: 1, satisfied: 1 } },
    { outcome: 'not satisfied (3)', followUp: { reached: true, satisfaction: 3 }, figures: { followUps: 1, rated: 1 } },
    { outcome: 'not reached', followUp: { reached: false }, figures: { followUps: 1 } },
  ])('the call-back in December, worker $outcome: counted in December', ({ followUp, figures }) => {
    const closed = closedOnTime();
    const calledBack = recordFollowUp({
      caseRecord: closed,
      input: followUp,
      caller: operatorOf('210102'),
      moment: at('2026-12-01T02:00:00.000Z'),
    });
    expect(deltasOf(closed, calledBack.next)).toEqual({ '210102#2026-12': figures });
  });

  it.each([
    [5, { ratedOnline: 1, satisfiedOnline: 1 }],
    [4, { ratedOnline: 1, satisfiedOnline: 1 }],
    [3, { ratedOnline: 1 }],
    [1, { ratedOnline: 1 }],
  ])('the worker’s own online rating of %i in December: counted in December, apart from the call-back', (score, figures) => {
    const closed = closedOnTime();
    const rated = rateService(closed, { score }, at('2026-12-01T02:00:00.000Z'));
    expect(deltasOf(closed, rated.next)).toEqual({ '210102#2026-12': figures });
  });

  it.each([
    ['inbound' as const, { callsAnswered: 1 }],
    ['outbound' as const, { callsMade: 1 }],
  ])('a %s 12351 call about the case in December: counted in December', (direction, figures) => {
    const open = injury();
    const called = logHotlineCall({
      caseRecord: open,
      call: { direction, note: '询问进度' },
      caller: operatorOf('210102'),
      moment: at('2026-12-01T02:00:00.000Z'),
    });
    expect(deltasOf(open, called.next)).toEqual({ '210102#2026-12': figures });
  });

  it('reopening leaves the closure, money, call-back and ratings in their months; the reopening counts in its own', () => {
    const closed = closedOnTime();
    const rated = rateService(closed, { score: 5 }, at('2026-11-24T02:00:00.000Z')).next;
    const calledBack = recordFollowUp({
      caseRecord: rated,
      input: { reached: true, satisfaction: 5 },
      caller: operatorOf('210102'),
      moment: at('2026-12-01T02:00:00.000Z'),
    }).next;
    const reopened = reopenCase({
      caseRecord: calledBack,
      reason: '复查',
      caller: admin,
      moment: at('2026-12-02T02:00:00.000Z'),
      rules: DEFAULT_CLOCK_RULES,
    });
    expect(deltasOf(calledBack, reopened.next)).toEqual({ '210102#2026-12': { reopened: 1 } });
    expect(reopened.next).toMatchObject({ status: 'in_pool', amountRecoveredFen: 1_200_000, reopenCount: 1 });
  });

  it('a reopened case closed again: a closure of its own, timed from the reopening, the money recovered before not counted twice', () => {
    const closed = closedOnTime(); // 23 Nov, an hour after registration, 12,000.00 recovered
    const reopened = reopenCase({
      caseRecord: closed,
      reason: '赔偿未全部到位',
      caller: admin,
      moment: at('2026-12-02T02:00:00.000Z'),
      rules: DEFAULT_CLOCK_RULES,
    }).next;
    // The lawyer states the totals to date: 12,000.00 as before, plus 8,000.00 more injury compensation, 3,000.00 wages.
    const closedAgain = closeCase({
      caseRecord: reopened,
      closure: {
        outcome: 'mediated_agreement',
        summary: '差额已支付',
        amountsRecoveredFen: { injury_compensation: 2_000_000, wages: 300_000 },
        amountAgreedFen: 2_300_000,
      },
      caller: admin,
      moment: at('2026-12-03T02:00:00.000Z'),
    }).next;
    expect(deltasOf(reopened, closedAgain)).toEqual({
      '210102#2026-12': {
        closed: 1,
        closedOnTime: 1,
        secondsToClose: DAY / 1000,
        'outcome.mediated_agreement': 1,
        amountRecoveredFen: 1_100_000,
        'recoveredFen.injury_compensation': 800_000,
        'recoveredFen.wages': 300_000,
        amountAgreedFen: 2_300_000,
      },
    });
    expect(Object.fromEntries(recompute([closedAgain]))['210102#2026-11']).toMatchObject({
      closed: 1,
      amountRecoveredFen: 1_200_000,
      'recoveredFen.injury_compensation': 1_200_000,
    });
    // A third closure stating less than was counted takes nothing back.
    const third = closeCase({
      caseRecord: reopenCase({
        caseRecord: closedAgain,
        reason: '复查',
        caller: admin,
        moment: at('2026-12-04T02:00:00.000Z'),
        rules: DEFAULT_CLOCK_RULES,
      }).next,
      closure: { outcome: 'withdrawn', summary: '撤回', amountsRecoveredFen: { wages: 100_000 } },
      caller: admin,
      moment: at('2026-12-05T02:00:00.000Z'),
    }).next;
    expect(third.amountRecoveredFen).toBe(2_300_000);
    expect(recompute([third]).get('210102#2026-12')).toMatchObject({ reopened: 2, closed: 2, amountRecoveredFen: 1_100_000 });
  });

  it('a payment received after the agreement counts in the month it was received, by its kind', () => {
    const claimed = claim({
      caseRecord: injury(),
      staff: lawyer.profile,
      caller: lawyer.caller,
      moment: at(later(NOV_23, HOUR)),
      rules: DEFAULT_CLOCK_RULES,
    }).next;
    const agreed = recordWork({
      caseRecord: claimed,
      entry: { type: 'mediated_agreement', signedOn: '2026-11-25', amountAgreedFen: 5_000_000, summary: '分两期支付' },
      caller: lawyer.caller,
      moment: at('2026-11-25T02:00:00.000Z'),
      rules: DEFAULT_CLOCK_RULES,
    }).next;
    expect(deltasOf(claimed, agreed)).toEqual({ '210102#2026-11': { amountAgreedFen: 5_000_000 } });
    const paid = recordWork({
      caseRecord: agreed,
      entry: { type: 'payment_received', receivedOn: '2026-11-30', kind: 'injury_compensation', amountFen: 2_500_000 },
      caller: lawyer.caller,
      moment: at('2026-12-01T02:00:00.000Z'), // recorded in December, received (and counted) in November
      rules: DEFAULT_CLOCK_RULES,
    }).next;
    expect(deltasOf(agreed, paid)).toEqual({
      '210102#2026-11': { amountRecoveredFen: 2_500_000, 'recoveredFen.injury_compensation': 2_500_000 },
    });
    // Closing with the totals to date counts only the second instalment, in the month of closure.
    const closed = closeCase({
      caseRecord: paid,
      closure: { outcome: 'mediated_agreement', summary: '已全部支付', amountsRecoveredFen: { injury_compensation: 5_000_000 } },
      caller: lawyer.caller,
      moment: at('2026-12-10T02:00:00.000Z'),
    }).next;
    expect(deltasOf(paid, closed)['210102#2026-12']).toMatchObject({
      amountRecoveredFen: 2_500_000,
      'recoveredFen.injury_compensation': 2_500_000,
    });
    expect(closed.amountRecoveredFen).toBe(5_000_000);
  });

  it('a closure giving both the amounts by kind and one total is refused with the field path', () => {
    expect(() =>
      closeCase({
        caseRecord: injury(),
        closure: { outcome: 'withdrawn', summary: '撤回', amountRecoveredFen: 1, amountsRecoveredFen: { wages: 1 } },
        caller: admin,
        moment: at(later(NOV_23, HOUR)),
      }),
    ).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'amountRecoveredFen' })] }),
    );
  });

  it.each<{ facts: string; input: Partial<IntakeInput>; exempt: number; eligibility: unknown }>([
    {
      facts: 'a migrant worker applying for legal aid over unpaid wages (suggested: Art. 42 (3))',
      input: { kind: 'legal_aid_application', category: 'wage_arrears' },
      exempt: 1,
      eligibility: { basis: 'exempt', ground: 'migrant_worker_pay_or_injury', suggested: true },
    },
    {
      facts: 'a migrant worker applying over a work injury',
      input: { kind: 'legal_aid_application', category: 'work_injury' },
      exempt: 1,
      eligibility: { basis: 'exempt', ground: 'migrant_worker_pay_or_injury', suggested: true },
    },
    {
      facts: 'a migrant worker applying over a labour contract (not pay or injury): the test applies',
      input: { kind: 'legal_aid_application', category: 'labour_contract' },
      exempt: 0,
      eligibility: undefined,
    },
    {
      facts: 'hardship assessed by the operator',
      input: {
        kind: 'legal_aid_application',
        category: 'labour_contract',
        legalAidEligibility: { basis: 'assessed', eligible: true },
      },
      exempt: 0,
      eligibility: { basis: 'assessed', eligible: true },
    },
    {
      facts: 'exempt on another Art. 42 ground the operator chose',
      input: {
        kind: 'legal_aid_application',
        category: 'labour_contract',
        legalAidEligibility: { basis: 'exempt', ground: 'social_assistance_recipient' },
      },
      exempt: 1,
      eligibility: { basis: 'exempt', ground: 'social_assistance_recipient' },
    },
    {
      facts: 'a complaint (no legal-aid decision at all)',
      input: { kind: 'complaint', category: 'wage_arrears' },
      exempt: 0,
      eligibility: undefined,
    },
  ])('legal-aid eligibility at intake: $facts', ({ input, exempt, eligibility }) => {
    const registered = registerIn({ ...(complaint() as IntakeInput), complainant: { ...worker, migrantWorker: true }, ...input });
    expect(registered.legalAidEligibility).toEqual(eligibility);
    expect(deltasOf(undefined, registered)['210102#2026-11']?.legalAidExempt ?? 0).toBe(exempt);
  });

  it('refuses the Art. 42 (3) exemption when the facts do not fit it', () => {
    expect(() =>
      registerIn({
        ...(complaint({ kind: 'legal_aid_application', category: 'labour_contract' }) as IntakeInput),
        complainant: { ...worker, migrantWorker: true },
        legalAidEligibility: { basis: 'exempt', ground: 'migrant_worker_pay_or_injury' },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'UNPROCESSABLE',
        details: [expect.objectContaining({ path: 'legalAidEligibility.ground' })],
      }),
    );
  });

  it('an accepted transfer moves every month’s figures of the case from the sender to the receiving union', () => {
    const shenhe = registerIn(complaint() as IntakeInput, '210103');
    const called = logHotlineCall({
      caseRecord: shenhe,
      call: { direction: 'inbound', note: '询问进度' },
      caller: operatorOf('210103'),
      moment: at('2026-12-01T02:00:00.000Z'),
    }).next;
    const pending = requestTransfer({
      caseRecord: called,
      target: directory.get('210102')!,
      targetPath: directory.pathOf('210102'),
      caller: adminOf('210100'),
      reason: '用工地在和平区',
      moment: at('2026-12-02T02:00:00.000Z'),
    }).next;
    const accepted = decideTransfer({
      caseRecord: pending,
      caller: adminOf('210102'),
      decision: { accept: true },
      moment: at('2026-12-03T02:00:00.000Z'),
    });
    expect(deltasOf(pending, accepted.next)).toEqual({
      '210103#2026-11': negated(WAGE_COMPLAINT_FIGURES),
      '210102#2026-11': WAGE_COMPLAINT_FIGURES,
      '210103#2026-12': { callsAnswered: -1 },
      '210102#2026-12': { callsAnswered: 1 },
    });
  });
});

describe('the reconciliation’s recomputation from the case records', () => {
  const admin = adminOf('210102');

  it('a walk-in complaint’s whole life: each figure in the month it happened, call-back and online rating apart', () => {
    const opened = registerIn({
      ...(complaint({ channel: 'walk_in', workersInvolved: 3, amountClaimedFen: 3_600_000 }) as IntakeInput),
      complainant: worker,
    });
    // Closed an hour later, inside its first-response clock.
    const closed = closeCase({
      caseRecord: opened,
      closure: { outcome: 'advice_given', summary: '已答复', amountRecoveredFen: 1_200_000 },
      caller: admin,
      moment: at(later(NOV_23, HOUR)),
    }).next;
    const rated = rateService(closed, { score: 5 }, at('2026-11-24T02:00:00.000Z')).next;
    const calledBack = recordFollowUp({
      caseRecord: rated,
      input: { reached: true, satisfaction: 2 },
      caller: admin,
      moment: at('2026-12-01T02:00:00.000Z'),
    }).next;
    const rangAgain = logHotlineCall({
      caseRecord: calledBack,
      call: { direction: 'inbound', note: '再次来电' },
      caller: admin,
      moment: at('2027-01-04T02:00:00.000Z'),
    }).next;

    expect(Object.fromEntries(recompute([rangAgain]))).toEqual({
      '210102#2026-11': {
        opened: 1,
        workersInvolved: 3,
        amountClaimedFen: 3_600_000,
        'channel.walk_in': 1,
        'kind.complaint': 1,
        'category.wage_arrears': 1,
        closed: 1,
        closedOnTime: 1,
        secondsToClose: 3_600,
        amountRecoveredFen: 1_200_000,
        'recoveredFen.wages': 1_200_000,
        'outcome.advice_given': 1,
        ratedOnline: 1,
        satisfiedOnline: 1,
      },
      '210102#2026-12': { followUps: 1, rated: 1 },
      '210102#2027-01': { callsAnswered: 1 },
    });
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
