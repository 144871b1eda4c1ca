import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_RULES } from '../../../shared/domain/case-clocks.js';
import {
  closeCase,
  recordFollowUp,
  recordWork,
  reopenCase,
  type Closure,
  type WorkEntry,
} from '../../../shared/domain/case-work.js';
import { type CaseRecord } from '../../../shared/domain/cases.js';
import { planRegistration } from '../../../shared/domain/registration.js';
import type { ClockName, Deadline } from '../../../shared/domain/deadlines.js';
import { assign, claim } from '../../../shared/domain/dispatch.js';
import { escalate } from '../../../shared/domain/escalation.js';
import { contributionsOf, figureDeltas } from '../../../shared/domain/figures.js';
import type { Caller } from '../../../shared/domain/roles.js';
import type { StaffProfile } from '../../../shared/domain/roster.js';
import type { Moment } from '../../../shared/domain/moment.js';
import { callerOf, complaint } from '../../support/fixtures.js';
import { refusedWith } from '../../support/refusal.js';

/**
 * Case work after dispatch, as pure transitions: recording work, the
 * statutory clocks it starts and meets, closure, the call-back, reopening and
 * the sweeper's escalation. Every due time below was worked out by hand from a
 * wall calendar: 2026-11-23 is a Monday, 2027-01-01 a Friday; no public
 * holiday falls between 2026-11-20 and 2027-01-31 in the default calendar; a
 * China-local day ends at 16:00Z on the same date.
 */

const RULES = DEFAULT_CLOCK_RULES;
/** Monday 2026-11-23, 10:00 in China. */
const T0 = '2026-11-23T02:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const after = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

const operator = callerOf('op-heping');
const lawyer = callerOf('lawyer-heping');
const mediator = callerOf('mediator-heping');
const admin = callerOf('admin-heping');
const otherLawyer: Caller = { ...lawyer, staffId: 'another-lawyer', username: 'another-lawyer' };

let eventCounter = 0;
const moment = (at: string): Moment => ({ now: new Date(at), newEventId: () => `event-${++eventCounter}` });

/** A wage complaint from a migrant worker: priority (first response within 2 h), to the mediation pool, 10 working days. */
const wageComplaint = () => complaint();
/** A work-injury complaint: priority, to the lawyer pool, 30 working days. */
const injuryComplaint = () => complaint({ category: 'work_injury', occurredOn: '2026-09-01' });
/** Twelve workers owed wages: urgent, for the legal department (no pool). */
const collectiveComplaint = () => complaint({ workersInvolved: 12 });

function registered(input = wageComplaint(), at = T0): CaseRecord {
  return planRegistration(input, {
    caseId: 'case-1',
    unionCode: '210102',
    unionPath: ['210000', '210100', '210102'],
    sequence: 7,
    phoneHash: 'phone-hash',
    now: new Date(at),
    actor: { kind: 'staff', staffId: operator.staffId, role: 'operator' },
    newEventId: () => `event-${++eventCounter}`,
    clockRules: RULES,
    unionName: '和平区总工会',
  }).caseRecord;
}

function profileOf(caller: Caller, role: 'lawyer' | 'mediator'): StaffProfile {
  return {
    staffId: caller.staffId,
    displayName: caller.username,
    role,
    unionCode: '210102',
    unionPath: ['210000', '210100', '210102'],
    categories: ['wage_arrears', 'work_injury'],
    capacity: 10,
    activeCases: 0,
    dutyWeekdays: [1, 2, 3, 4, 5],
    dutyDates: [],
    conflicts: [],
    active: true,
    updatedAt: T0,
  };
}

const claimedBy = (caseRecord: CaseRecord, caller: Caller, role: 'lawyer' | 'mediator', at: string) =>
  claim({ caseRecord, staff: profileOf(caller, role), caller, moment: moment(at), rules: RULES }).next;

const clock = (caseRecord: CaseRecord, name: ClockName): Deadline | undefined =>
  caseRecord.deadlines?.filter((deadline) => deadline.clock === name).at(-1);
const runningClocks = (caseRecord: CaseRecord) =>
  (caseRecord.deadlines ?? []).filter((deadline) => deadline.metAt === undefined && deadline.escalatedAt === undefined);
const closureFigures = (caseRecord: CaseRecord) => contributionsOf(caseRecord).find((row) => row.figures.closed === 1)?.figures;

const note: WorkEntry = { type: 'note', text: '已电话联系用人单位，约定下周面谈。' };

describe('recording work', () => {
  it.each([
    ['a lawyer’s note', 'in_progress', injuryComplaint, lawyer, 'lawyer', note, 'note_added'],
    [
      'a lawyer’s call',
      'in_progress',
      injuryComplaint,
      lawyer,
      'lawyer',
      { type: 'call', with: 'employer', summary: '用人单位同意核对工伤认定材料。' },
      'call_logged',
    ],
    [
      'a lawyer’s mediation session',
      'in_mediation',
      injuryComplaint,
      lawyer,
      'lawyer',
      { type: 'mediation_session', heldOn: '2026-11-23', summary: '双方到场，分歧在赔偿金额。' },
      'mediation_session',
    ],
    ['a mediator’s note', 'in_mediation', wageComplaint, mediator, 'mediator', note, 'note_added'],
  ] as const)(
    '%s moves a claimed case to %s and goes on the timeline',
    (_name, status, input, caller, role, entry, eventType) => {
      // Prepare
      const claimed = claimedBy(registered(input()), caller, role, after(T0, HOUR));
      const at = after(T0, 3 * HOUR);

      // Act
      const { next, events } = recordWork({ caseRecord: claimed, entry, caller, moment: moment(at), rules: RULES });

      // Assess
      expect(next.status).toBe(status);
      expect(next.version).toBe(claimed.version + 1);
      expect(next.lastActivityAt).toBe(at);
      const { type: _type, ...data } = entry;
      expect(events).toEqual([
        expect.objectContaining({ type: eventType, at, actor: { kind: 'staff', staffId: caller.staffId, role }, data }),
      ]);
      // The claim is worked, so it no longer risks going back to the pool.
      expect(clock(next, 'claim_idle')).toMatchObject({ metAt: at });
    },
  );

  it('gives the first response when nobody had acted on the case yet', () => {
    // Prepare: a case taken without the first response being stamped (e.g. carried over from before the clocks).
    const received = registered(injuryComplaint());
    const taken: CaseRecord = {
      ...received,
      status: 'claimed',
      owner: { staffId: lawyer.staffId, role: 'lawyer', since: T0 },
    };
    const at = after(T0, HOUR);

    // Act
    const { next } = recordWork({ caseRecord: taken, entry: note, caller: lawyer, moment: moment(at), rules: RULES });

    // Assess
    expect(clock(received, 'first_response')?.metAt).toBeUndefined();
    expect(clock(next, 'first_response')).toMatchObject({ metAt: at, dueAt: after(T0, 2 * HOUR) });
  });

  it('keeps the first response where the claim gave it', () => {
    // Prepare
    const claimedAt = after(T0, HOUR);
    const claimed = claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', claimedAt);

    // Act
    const { next } = recordWork({
      caseRecord: claimed,
      entry: note,
      caller: lawyer,
      moment: moment(after(T0, 5 * HOUR)),
      rules: RULES,
    });

    // Assess
    expect(clock(next, 'first_response')?.metAt).toBe(claimedAt);
  });

  it('lets the legal department record work on a case someone else works, but not another lawyer', () => {
    // Prepare
    const claimed = claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', T0);

    // Act / Assess
    expect(
      recordWork({ caseRecord: claimed, entry: note, caller: admin, moment: moment(after(T0, HOUR)), rules: RULES }).events[0]
        ?.actor,
    ).toEqual({
      kind: 'staff',
      staffId: admin.staffId,
      role: 'legal_admin',
    });
    expect(() =>
      recordWork({ caseRecord: claimed, entry: note, caller: otherLawyer, moment: moment(after(T0, HOUR)), rules: RULES }),
    ).toThrow(refusedWith({ status: 403 }));
  });

  describe('dates', () => {
    /** Friday 2026-11-27, 10:00 in China. */
    const now = '2026-11-27T02:00:00.000Z';

    it.each<[string, WorkEntry]>([
      ['heldOn', { type: 'mediation_session', heldOn: '2026-11-28', summary: '调解' }],
      ['signedOn', { type: 'mediated_agreement', signedOn: '2026-11-28', amountAgreedFen: 100, summary: '协议' }],
      ['filedOn', { type: 'arbitration_filed', filedOn: '2026-11-28', commission: '沈阳市劳动人事争议仲裁委员会' }],
      ['acceptedOn', { type: 'arbitration_accepted', acceptedOn: '2026-11-28' }],
      ['awardedOn', { type: 'arbitration_awarded', awardedOn: '2026-11-28', summary: '裁决' }],
      ['referredOn', { type: 'labour_inspection_referred', referredOn: '2026-11-28', summary: '转监察' }],
    ])('refuses %s in the future with 400 naming the field', (field, entry) => {
      // Prepare
      const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', T0);

      // Act / Assess
      expect(() => recordWork({ caseRecord: claimed, entry, caller: mediator, moment: moment(now), rules: RULES })).toThrow(
        refusedWith({ status: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: field })] }),
      );
    });

    it.each([
      ['23:59:59 in China the day before', false, '2026-11-27T15:59:59.000Z'],
      ['00:00 in China that day (still the 27th in UTC)', true, '2026-11-27T16:00:00.000Z'],
    ])('counts “today” in China: a session held on the 28th, recorded at %s, is accepted: %s', (_name, accepted, at) => {
      // Prepare
      const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', T0);
      const entry: WorkEntry = { type: 'mediation_session', heldOn: '2026-11-28', summary: '调解' };

      // Act
      const record = () => recordWork({ caseRecord: claimed, entry, caller: mediator, moment: moment(at), rules: RULES });

      // Assess
      if (accepted) expect(record().next.status).toBe('in_mediation');
      else expect(record).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    });
  });

  describe('corrections', () => {
    const filed: WorkEntry = { type: 'arbitration_filed', filedOn: '2026-11-16', commission: '沈阳市劳动人事争议仲裁委员会' };
    /** A case whose filing was entered as 16 November, with its timeline so far. */
    function filedCase() {
      const claimed = claimedBy(
        registered(injuryComplaint(), '2026-11-16T01:00:00.000Z'),
        lawyer,
        'lawyer',
        '2026-11-16T02:00:00.000Z',
      );
      const recorded = recordWork({ caseRecord: claimed, entry: filed, caller: lawyer, moment: moment(T0), rules: RULES });
      return { caseRecord: recorded.next, timeline: [...recorded.events] };
    }
    const correct = (
      state: { caseRecord: CaseRecord; timeline: ReturnType<typeof filedCase>['timeline'] },
      correctsEventId: string,
      field: string,
      value: string | number | boolean,
    ) =>
      recordWork({
        caseRecord: state.caseRecord,
        entry: { type: 'correction', correctsEventId, field, value, text: '以仲裁委收件回执为准。' },
        caller: lawyer,
        moment: moment(after(T0, HOUR)),
        rules: RULES,
        timeline: state.timeline,
      });

    it('a corrected filing date moves the acceptance clock; the timeline keeps the filing and the correction with both dates', () => {
      // Prepare: filed on Monday 16 November → 5 working days → Monday 23rd.
      const state = filedCase();
      expect(clock(state.caseRecord, 'arbitration_acceptance')?.dueAt).toBe('2026-11-23T16:00:00.000Z');

      // Act: it was filed on Wednesday 18th → Wednesday 25th.
      const corrected = correct(state, state.timeline[0]!.eventId, 'filedOn', '2026-11-18');

      // Assess
      expect(corrected.next.arbitration).toEqual({ filedOn: '2026-11-18' });
      expect(clock(corrected.next, 'arbitration_acceptance')).toMatchObject({
        startedAt: '2026-11-17T16:00:00.000Z',
        dueAt: '2026-11-25T16:00:00.000Z',
      });
      expect(corrected.events[0]).toMatchObject({
        type: 'correction',
        data: {
          correctsEventId: state.timeline[0]!.eventId,
          field: 'filedOn',
          value: '2026-11-18',
          previousValue: '2026-11-16',
          correctedType: 'arbitration_filed',
        },
      });
    });

    it('an acceptance clock escalated because of a wrong filing date runs again once the date is corrected', () => {
      // Prepare: the sweeper escalated the acceptance clock (due 23rd) on the 24th.
      const state = filedCase();
      const escalated = escalate(state.caseRecord, moment('2026-11-24T01:00:00.000Z'))!.next;

      // Act
      const corrected = correct({ ...state, caseRecord: escalated }, state.timeline[0]!.eventId, 'filedOn', '2026-11-18');

      // Assess
      expect(clock(corrected.next, 'arbitration_acceptance')?.escalatedAt).toBeUndefined();
      expect(clock(corrected.next, 'arbitration_acceptance')?.dueAt).toBe('2026-11-25T16:00:00.000Z');
    });

    it.each([
      ['an event of another case', () => 'event-of-another-case', 'filedOn', '2026-11-18', 'correctsEventId'],
      ['a field the event type does not have', (id: string) => id, 'acceptedOn', '2026-11-18', 'field'],
      ['a value of the wrong type', (id: string) => id, 'filedOn', 20261118, 'value'],
      ['an impossible date', (id: string) => id, 'filedOn', '2026-02-30', 'value'],
      ['a date in the future', (id: string) => id, 'filedOn', '2027-01-05', 'value'],
    ] as const)('refuses %s with the field path', (_name, target, field, value, path) => {
      const state = filedCase();
      expect(() => correct(state, target(state.timeline[0]!.eventId), field, value)).toThrow(
        refusedWith({ details: [expect.objectContaining({ path })] }),
      );
    });

    it('refuses a correction of a correction, or of an event nobody entered as a fact, with 422', () => {
      // Prepare
      const state = filedCase();
      const corrected = correct(state, state.timeline[0]!.eventId, 'filedOn', '2026-11-18');
      const withCorrection = { caseRecord: corrected.next, timeline: [...state.timeline, ...corrected.events] };

      // Act / Assess
      expect(() => correct(withCorrection, corrected.events[0]!.eventId, 'value', '2026-11-17')).toThrow(
        refusedWith({ status: 422, details: [expect.objectContaining({ path: 'correctsEventId' })] }),
      );
    });

    it('refuses a corrected acceptance date before the filing, naming the value', () => {
      // Prepare
      const state = filedCase();
      const accepted = recordWork({
        caseRecord: state.caseRecord,
        entry: { type: 'arbitration_accepted', acceptedOn: '2026-11-20' },
        caller: lawyer,
        moment: moment(T0),
        rules: RULES,
      });
      const withAcceptance = { caseRecord: accepted.next, timeline: [...state.timeline, ...accepted.events] };

      // Act / Assess
      expect(() => correct(withAcceptance, accepted.events[0]!.eventId, 'acceptedOn', '2026-11-13')).toThrow(
        refusedWith({ status: 422, details: [expect.objectContaining({ path: 'value' })] }),
      );
    });
  });
});

describe('statutory clocks', () => {
  it.each([
    // Claimed on Monday 23rd: 15 days later is Tuesday 8 December.
    ['on Monday morning', T0, '2026-12-08T16:00:00.000Z'],
    // 01:00 on Tuesday 24th in China, still Monday in UTC: counted from the 24th.
    ['just after midnight in China', '2026-11-23T17:00:00.000Z', '2026-12-09T16:00:00.000Z'],
    // Claimed on Saturday 21st: 15 days later is Sunday 6 December, so the period ends on Monday the 7th.
    ['on a Saturday', '2026-11-21T02:00:00.000Z', '2026-12-07T16:00:00.000Z'],
  ])('a mediator claiming %s starts the 15-day mediation period (Art. 14) and the 48-hour claim clock', (_name, at, due) => {
    // Prepare
    const inPool = registered(wageComplaint(), after(at, -HOUR));

    // Act
    const claimed = claimedBy(inPool, mediator, 'mediator', at);

    // Assess
    expect(clock(claimed, 'mediation')).toMatchObject({ startedAt: inPool.registeredAt, dueAt: due });
    expect(clock(claimed, 'claim_idle')).toMatchObject({ startedAt: at, dueAt: after(at, 48 * HOUR) });
    expect(clock(claimed, 'first_response')?.metAt).toBe(at);
  });

  it('mediation’s 15 days run from the union’s receipt, not the claim: days waiting in the pool count (Art. 14), and the basis names both days', () => {
    // Prepare: registered Wednesday 16 September 2026; a mediator claims it on Wednesday the 30th.
    const inPool = registered(wageComplaint(), '2026-09-16T02:00:00.000Z');

    // Act
    const claimed = claimedBy(inPool, mediator, 'mediator', '2026-09-30T02:00:00.000Z');

    // Assess: 16 Sep + 15 days = 1 October, National Day (1–7 October), so the period runs to Thursday 8 October.
    expect(clock(claimed, 'mediation')).toMatchObject({
      startedAt: '2026-09-16T02:00:00.000Z',
      dueAt: '2026-10-08T16:00:00.000Z',
    });
    expect(clock(claimed, 'mediation')?.basis).toContain('2026-09-16');
    expect(clock(claimed, 'mediation')?.basis).toContain('took the case on 2026-09-30');
  });

  it('a lawyer’s claim starts no mediation period; an assignment starts no claim clock', () => {
    // Prepare
    const lawyerPool = registered(injuryComplaint());
    const mediationPool = registered(wageComplaint());

    // Act
    const byLawyer = claimedBy(lawyerPool, lawyer, 'lawyer', T0);
    const assigned = assign({
      caseRecord: mediationPool,
      staff: profileOf(mediator, 'mediator'),
      caller: admin,
      moment: moment(T0),
      rules: RULES,
    }).next;

    // Assess
    expect(clock(byLawyer, 'mediation')).toBeUndefined();
    expect(clock(byLawyer, 'claim_idle')).toBeDefined();
    expect(clock(assigned, 'mediation')).toMatchObject({ dueAt: '2026-12-08T16:00:00.000Z' });
    expect(clock(assigned, 'claim_idle')).toBeUndefined();
  });

  it('a mediated agreement ends the mediation period on the day it is signed and records the amount', () => {
    // Prepare
    const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', T0);
    const entry: WorkEntry = {
      type: 'mediated_agreement',
      signedOn: '2026-11-26',
      amountAgreedFen: 3_000_000,
      summary: '分两期支付',
    };

    // Act
    const { next } = recordWork({
      caseRecord: claimed,
      entry,
      caller: mediator,
      moment: moment('2026-11-27T02:00:00.000Z'),
      rules: RULES,
    });

    // Assess
    expect(next.amountAgreedFen).toBe(3_000_000);
    expect(clock(next, 'mediation')).toMatchObject({ metAt: '2026-11-25T16:00:00.000Z' });
  });

  describe('arbitration', () => {
    const filed: WorkEntry = { type: 'arbitration_filed', filedOn: '2026-11-26', commission: '沈阳市劳动人事争议仲裁委员会' };
    const accepted: WorkEntry = { type: 'arbitration_accepted', acceptedOn: '2026-11-30' };
    const extended: WorkEntry = { type: 'arbitration_extended', reason: '案情复杂，经仲裁委主任批准延期' };
    const T1 = '2026-11-27T02:00:00.000Z';
    const T2 = '2026-12-01T02:00:00.000Z';
    const T3 = '2026-12-10T02:00:00.000Z';
    const T4 = '2027-01-21T02:00:00.000Z';

    const inMediation = () =>
      recordWork({
        caseRecord: claimedBy(registered(wageComplaint()), mediator, 'mediator', T0),
        entry: note,
        caller: mediator,
        moment: moment(after(T0, HOUR)),
        rules: RULES,
      }).next;
    const work = (caseRecord: CaseRecord, entry: WorkEntry, at: string) =>
      recordWork({ caseRecord, entry, caller: mediator, moment: moment(at), rules: RULES }).next;

    it('filing ends mediation and starts the 5-working-day acceptance period (Art. 29)', () => {
      // Prepare
      const before = inMediation();

      // Act
      const next = work(before, filed, T1);

      // Assess: filed Thursday 26th; 5 working days on is Thursday 3 December (the weekend not counted).
      expect(next.arbitration).toEqual({ filedOn: '2026-11-26' });
      expect(clock(next, 'mediation')).toMatchObject({ metAt: '2026-11-25T16:00:00.000Z' });
      expect(clock(next, 'arbitration_acceptance')).toMatchObject({
        startedAt: '2026-11-25T16:00:00.000Z',
        dueAt: '2026-12-03T16:00:00.000Z',
      });
      expect(clock(next, 'arbitration_acceptance')?.metAt).toBeUndefined();
    });

    it('acceptance meets the acceptance period and starts the 45-day award period (Art. 43)', () => {
      // Prepare
      const wasFiled = work(inMediation(), filed, T1);

      // Act
      const next = work(wasFiled, accepted, T2);

      // Assess: accepted Monday 30 November; 45 days on is Thursday 14 January.
      expect(next.arbitration).toEqual({ filedOn: '2026-11-26', acceptedOn: '2026-11-30' });
      expect(clock(next, 'arbitration_acceptance')).toMatchObject({ metAt: '2026-11-29T16:00:00.000Z' });
      expect(clock(next, 'arbitration_award')).toMatchObject({
        startedAt: '2026-11-29T16:00:00.000Z',
        dueAt: '2027-01-14T16:00:00.000Z',
      });
    });

    it('one extension moves the award period by 15 days; a second is refused with 422', () => {
      // Prepare
      const wasAccepted = work(work(inMediation(), filed, T1), accepted, T2);

      // Act
      const next = work(wasAccepted, extended, T3);

      // Assess: 60 days from 30 November is Friday 29 January.
      expect(next.arbitration?.extended).toBe(true);
      const awardClocks = (next.deadlines ?? []).filter((deadline) => deadline.clock === 'arbitration_award');
      expect(awardClocks).toEqual([expect.objectContaining({ dueAt: '2027-01-29T16:00:00.000Z' })]);
      expect(() => work(next, extended, after(T3, HOUR))).toThrow(refusedWith({ status: 422, code: 'UNPROCESSABLE' }));
    });

    it('the award meets the award period, on time within the extension', () => {
      // Prepare
      const wasExtended = work(work(work(inMediation(), filed, T1), accepted, T2), extended, T3);
      const awarded: WorkEntry = {
        type: 'arbitration_awarded',
        awardedOn: '2027-01-20',
        amountAwardedFen: 3_600_000,
        summary: '支持全部请求',
      };

      // Act
      const next = work(wasExtended, awarded, T4);

      // Assess
      expect(next.arbitration).toMatchObject({ awardedOn: '2027-01-20', amountAwardedFen: 3_600_000 });
      const award = clock(next, 'arbitration_award')!;
      expect(award.metAt).toBe('2027-01-19T16:00:00.000Z');
      expect(award.metAt! <= award.dueAt).toBe(true);
      expect(() => work(next, extended, after(T4, HOUR))).toThrow(refusedWith({ status: 422 }));
    });

    it.each<[string, (base: CaseRecord) => CaseRecord, WorkEntry]>([
      ['filing twice', (base) => work(base, filed, T1), filed],
      ['acceptance before any filing', (base) => base, accepted],
      [
        'acceptance before the filing date',
        (base) => work(base, filed, T1),
        { type: 'arbitration_accepted', acceptedOn: '2026-11-25' },
      ],
      ['an extension before acceptance', (base) => work(base, filed, T1), extended],
      [
        'an award before acceptance',
        (base) => work(base, filed, T1),
        { type: 'arbitration_awarded', awardedOn: '2026-11-30', summary: '裁决' },
      ],
      [
        'an award dated before acceptance',
        (base) => work(work(base, filed, T1), accepted, T2),
        { type: 'arbitration_awarded', awardedOn: '2026-11-29', summary: '裁决' },
      ],
    ])('refuses %s with 422', (_name, prepare, entry) => {
      // Prepare
      const caseRecord = prepare(inMediation());

      // Act / Assess
      expect(() => work(caseRecord, entry, T2)).toThrow(refusedWith({ status: 422, code: 'UNPROCESSABLE' }));
    });
  });
});

describe('closing', () => {
  const closure: Closure = { outcome: 'mediated_agreement', summary: '用人单位已支付欠薪。', amountRecoveredFen: 3_000_000 };

  it('meets every running clock, keeps the owner on record and tells the complainant by SMS', () => {
    // Prepare
    const claimedAt = after(T0, HOUR);
    const worked = recordWork({
      caseRecord: claimedBy(registered(wageComplaint()), mediator, 'mediator', claimedAt),
      entry: note,
      caller: mediator,
      moment: moment(after(T0, 2 * HOUR)),
      rules: RULES,
    }).next;
    const closedAt = '2026-11-27T02:00:00.000Z';

    // Act
    const { next, events, outbox } = closeCase({ caseRecord: worked, closure, caller: mediator, moment: moment(closedAt) });

    // Assess
    expect(next).toMatchObject({ status: 'closed', outcome: 'mediated_agreement', closedAt, amountRecoveredFen: 3_000_000 });
    expect(next.owner?.staffId).toBe(mediator.staffId);
    expect(runningClocks(next)).toEqual([]);
    expect(clock(next, 'completion_target')?.metAt).toBe(closedAt);
    expect(clock(next, 'mediation')?.metAt).toBe(closedAt);
    expect(clock(next, 'first_response')?.metAt).toBe(claimedAt);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'closed',
        data: { outcome: 'mediated_agreement', amountRecoveredFen: 3_000_000, summary: closure.summary },
      }),
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({
        channel: 'sms',
        recipient: { kind: 'complainant' },
        template: 'case_closed',
        params: { caseNumber: worked.caseNumber },
        createdAt: closedAt,
      }),
    ]);
  });

  it('drops the 48-hour claim clock of a claim closed without recorded work', () => {
    // Prepare
    const claimed = claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', T0);

    // Act
    const { next } = closeCase({
      caseRecord: claimed,
      closure: { outcome: 'withdrawn', summary: '职工撤回' },
      caller: lawyer,
      moment: moment(after(T0, HOUR)),
    });

    // Assess
    expect(clock(claimed, 'claim_idle')).toBeDefined();
    expect(clock(next, 'claim_idle')).toBeUndefined();
    expect(runningClocks(next)).toEqual([]);
  });

  it.each([
    // First response due T0 + 2 h; completion target (10 working days) ends Monday 7 December.
    ['within every clock', 1, after(T0, HOUR), '2026-11-27T02:00:00.000Z'],
    ['after a late first response', 0, after(T0, 3 * HOUR), '2026-11-27T02:00:00.000Z'],
    ['after the completion target', 0, after(T0, HOUR), '2026-12-08T02:00:00.000Z'],
  ])('counts a case closed %s as closed on time: %i', (_name, onTime, claimedAt, closedAt) => {
    // Prepare
    const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', claimedAt);

    // Act
    const { next } = closeCase({ caseRecord: claimed, closure, caller: mediator, moment: moment(closedAt) });

    // Assess
    expect(closureFigures(next)).toMatchObject({ closed: 1, closedOnTime: onTime });
    if (onTime === 1) expect(contributionsOf(next).some((row) => row.figures.overdue !== undefined)).toBe(false);
  });

  it.each([
    ['whose first response came late', '2026-11', after(T0, 3 * HOUR), '2026-11-27T02:00:00.000Z'],
    ['closed after its completion target', '2026-12', after(T0, HOUR), '2026-12-08T02:00:00.000Z'],
  ])('counts a case %s as overdue (in %s) even when no sweep caught it first', (_name, month, claimedAt, closedAt) => {
    // Prepare: the sweeper runs every few minutes; here it did not run between the due time and the late action.
    const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', claimedAt);

    // Act
    const { next } = closeCase({ caseRecord: claimed, closure, caller: mediator, moment: moment(closedAt) });

    // Assess: "closed on time" and "overdue" must tell the same story in the monthly report.
    const overdueMonths = contributionsOf(next)
      .filter((row) => row.figures.overdue === 1)
      .map((row) => row.month);
    expect({ closedOnTime: closureFigures(next)?.closedOnTime, overdueMonths }).toEqual({
      closedOnTime: 0,
      overdueMonths: [month],
    });
  });

  it('counts a case the sweeper caught as overdue, and closed late', () => {
    // Prepare: first response due T0 + 2 h, escalated at T0 + 3 h.
    const escalated = escalate(registered(wageComplaint()), moment(after(T0, 3 * HOUR)))!.next;
    const claimed = claimedBy(escalated, mediator, 'mediator', after(T0, 4 * HOUR));

    // Act
    const { next } = closeCase({ caseRecord: claimed, closure, caller: mediator, moment: moment('2026-11-27T02:00:00.000Z') });

    // Assess
    expect(closureFigures(next)?.closedOnTime).toBe(0);
    expect(
      contributionsOf(next)
        .filter((row) => row.figures.overdue === 1)
        .map((row) => row.month),
    ).toEqual(['2026-11']);
  });

  it('marks a clock met after its due time as late', () => {
    // Prepare
    const claimed = claimedBy(registered(wageComplaint()), mediator, 'mediator', after(T0, HOUR));

    // Act
    const { next } = closeCase({ caseRecord: claimed, closure, caller: mediator, moment: moment('2026-12-08T02:00:00.000Z') });

    // Assess
    const target = clock(next, 'completion_target')!;
    expect(target.dueAt).toBe('2026-12-07T16:00:00.000Z');
    expect(target.metAt).toBe('2026-12-08T02:00:00.000Z');
  });

  it('lets the legal department close an unowned case from the pool', () => {
    // Prepare
    const inPool = registered(wageComplaint());

    // Act
    const { next } = closeCase({
      caseRecord: inPool,
      closure: { outcome: 'out_of_scope', summary: '不属受理范围' },
      caller: admin,
      moment: moment(after(T0, HOUR)),
    });

    // Assess
    expect(next).toMatchObject({ status: 'closed', outcome: 'out_of_scope' });
    expect(next.owner).toBeUndefined();
  });
});

describe('the call-back', () => {
  const closed = () =>
    closeCase({
      caseRecord: claimedBy(registered(wageComplaint()), mediator, 'mediator', T0),
      closure: { outcome: 'withdrawn', summary: '撤回' },
      caller: mediator,
      moment: moment(after(T0, 24 * HOUR)),
    }).next;
  const at = '2026-12-02T02:00:00.000Z';

  it.each([
    ['reached, not rated', { reached: true }, 'satisfaction'],
    ['not reached, yet rated', { reached: false, satisfaction: 3 }, 'satisfaction'],
  ])('is refused when %s (422)', (_name, input, path) => {
    // Prepare / Act / Assess
    expect(() => recordFollowUp({ caseRecord: closed(), input, caller: operator, moment: moment(at) })).toThrow(
      refusedWith({ status: 422, details: [expect.objectContaining({ path })] }),
    );
  });

  it.each([
    ['reached and satisfied', { reached: true, satisfaction: 4 }, { followUps: 1 }, { rated: 1, satisfied: 1 }],
    ['reached and dissatisfied', { reached: true, satisfaction: 2 }, { followUps: 1 }, { rated: 1, satisfied: 0 }],
    ['not reached', { reached: false, note: '电话无人接听' }, { followUps: 1 }, undefined],
  ])('is recorded when %s, and counted in its month', (_name, input, followUps, rating) => {
    // Prepare
    const before = closed();

    // Act
    const { next, events } = recordFollowUp({ caseRecord: before, input, caller: operator, moment: moment(at) });

    // Assess
    expect(next.status).toBe('followed_up');
    expect(next.followUp).toEqual({ ...input, at, by: operator.staffId });
    expect(events).toEqual([expect.objectContaining({ type: 'followed_up', data: input })]);
    const december = contributionsOf(next).filter((row) => row.month === '2026-12');
    expect(december.map((row) => row.figures)).toEqual(rating ? [followUps, rating] : [followUps]);
  });
});

describe('reopening', () => {
  const registeredAt = T0;
  /** Closed Tuesday 1 December (8 days after receipt), called back in January. */
  const closedAt = '2026-12-01T02:00:00.000Z';
  const calledBackAt = '2027-01-05T02:00:00.000Z';
  const reopenedAt = '2027-01-06T02:00:00.000Z';
  const closure: Closure = { outcome: 'mediated_agreement', summary: '已达成调解协议', amountRecoveredFen: 3_000_000 };

  const followedUp = (input = wageComplaint(), closer = mediator) => {
    const base = registered(input, registeredAt);
    const worked = closer === admin ? base : claimedBy(base, mediator, 'mediator', after(T0, HOUR));
    const closed = closeCase({ caseRecord: worked, closure, caller: closer, moment: moment(closedAt) }).next;
    return recordFollowUp({
      caseRecord: closed,
      input: { reached: true, satisfaction: 5 },
      caller: operator,
      moment: moment(calledBackAt),
    }).next;
  };

  it('sets the closure and the call-back aside, keeps the money recovered, and puts the case back in its pool', () => {
    // Prepare
    const before = followedUp();

    // Act
    const { next, events } = reopenCase({
      caseRecord: before,
      reason: '职工反映协议未履行',
      caller: admin,
      moment: moment(reopenedAt),
      rules: RULES,
    });

    // Assess
    expect(next.status).toBe('in_pool');
    expect(next.pool).toBe('mediation');
    for (const gone of ['outcome', 'closedAt', 'followUp', 'owner'] as const) expect(next[gone]).toBeUndefined();
    expect(next.amountRecoveredFen).toBe(3_000_000);
    expect(next.earlierClosures).toEqual([
      expect.objectContaining({
        outcome: 'mediated_agreement',
        closedAt,
        onTime: true,
        reopenedAt,
        followUp: expect.objectContaining({ satisfaction: 5 }),
      }),
    ]);
    expect(next.reopenCount).toBe(1);
    expect(next.version).toBe(before.version + 1);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'reopened',
        actor: { kind: 'staff', staffId: admin.staffId, role: 'legal_admin' },
        data: { reason: '职工反映协议未履行', previousOutcome: 'mediated_agreement', closedAt },
      }),
    ]);
  });

  it('starts a new completion target and keeps the old one as history', () => {
    // Prepare
    const before = followedUp();

    // Act
    const { next } = reopenCase({
      caseRecord: before,
      reason: '重新办理',
      caller: admin,
      moment: moment(reopenedAt),
      rules: RULES,
    });

    // Assess: 10 working days after Wednesday 6 January is Wednesday 20 January.
    const targets = (next.deadlines ?? []).filter((deadline) => deadline.clock === 'completion_target');
    expect(targets).toEqual([
      expect.objectContaining({ metAt: closedAt }),
      expect.objectContaining({ startedAt: reopenedAt, dueAt: '2027-01-20T16:00:00.000Z' }),
    ]);
    expect(runningClocks(next).map((deadline) => deadline.clock)).toEqual(['completion_target']);
  });

  it('returns a case without a pool to the legal department', () => {
    // Prepare: a collective dispute, closed by the legal department straight from triage.
    const before = followedUp(collectiveComplaint(), admin);

    // Act
    const { next } = reopenCase({
      caseRecord: before,
      reason: '重新办理',
      caller: admin,
      moment: moment(reopenedAt),
      rules: RULES,
    });

    // Assess
    expect(before.pool).toBeUndefined();
    expect(next.status).toBe('triaged');
  });

  it('counts every reopening', () => {
    // Prepare
    const once = reopenCase({
      caseRecord: followedUp(),
      reason: '第一次',
      caller: admin,
      moment: moment(reopenedAt),
      rules: RULES,
    }).next;
    const closedAgain = closeCase({ caseRecord: once, closure, caller: admin, moment: moment(after(reopenedAt, HOUR)) }).next;

    // Act
    const twice = reopenCase({
      caseRecord: closedAgain,
      reason: '第二次',
      caller: admin,
      moment: moment(after(reopenedAt, 2 * HOUR)),
      rules: RULES,
    }).next;

    // Assess
    expect(twice.reopenCount).toBe(2);
  });

  it('leaves the closure’s and the call-back’s figures in the months they were counted in; counts the reopening in its own', () => {
    // Prepare
    const before = followedUp();

    // Act
    const { next } = reopenCase({
      caseRecord: before,
      reason: '重新办理',
      caller: admin,
      moment: moment(reopenedAt),
      rules: RULES,
    });

    // Assess: December's closure and January's call-back stay where they were filed.
    expect(figureDeltas(before, next)).toEqual(new Map([['210102#2027-01', { reopened: 1 }]]));
  });
});

describe('escalation', () => {
  it('stamps a missed first response, makes the case overdue and alerts the legal department, once', () => {
    // Prepare: first response due T0 + 2 h; nobody has taken the case.
    const inPool = registered(wageComplaint());
    const now = after(T0, 3 * HOUR);

    // Act
    const escalated = escalate(inPool, moment(now));

    // Assess
    expect(escalate(inPool, moment(after(T0, HOUR)))).toBeUndefined();
    expect(escalated).toBeDefined();
    const { next, events, outbox } = escalated!;
    // Overdue from the moment the clock ran out, not from when the sweep noticed.
    expect(next).toMatchObject({ status: 'in_pool', overdueAt: after(T0, 2 * HOUR), version: inPool.version + 1 });
    expect(clock(next, 'first_response')).toMatchObject({ escalatedAt: now });
    expect(clock(next, 'completion_target')?.escalatedAt).toBeUndefined();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'deadline_missed',
        actor: { kind: 'system' },
        data: expect.objectContaining({ clock: 'first_response', dueAt: after(T0, 2 * HOUR) }),
      }),
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ recipient: { kind: 'legal_department', unionCode: '210102' }, template: 'deadline_missed' }),
    ]);
    expect(escalated?.releasedOwner).toBeUndefined();
    // The sweeper runs again: nothing more is due.
    expect(escalate(next, moment(now))).toBeUndefined();
    expect(escalate(next, moment(after(now, HOUR)))).toBeUndefined();
  });

  it('writes one event per missed clock, tells the owner too, and keeps the first overdue time', () => {
    // Prepare: first response missed and escalated, then the case assigned to a mediator (mediation period ends 8 December 24:00).
    const firstAlarm = after(T0, 3 * HOUR);
    const overdue = escalate(registered(wageComplaint()), moment(firstAlarm))!.next;
    const assigned = assign({
      caseRecord: overdue,
      staff: profileOf(mediator, 'mediator'),
      caller: admin,
      moment: moment(after(T0, 4 * HOUR)),
      rules: RULES,
    }).next;
    // Wednesday 9 December: the completion target (7 December) and the mediation period (8 December) have both run out.
    const now = '2026-12-09T02:00:00.000Z';

    // Act
    const { next, events, outbox } = escalate(assigned, moment(now))!;

    // Assess
    expect(next.overdueAt).toBe(after(T0, 2 * HOUR));
    expect(events.map((event) => event.data.clock).sort()).toEqual(['completion_target', 'mediation']);
    expect(events.every((event) => event.type === 'deadline_missed')).toBe(true);
    expect(new Set(events.map((event) => event.seq)).size).toBe(2);
    expect(clock(next, 'first_response')?.escalatedAt).toBe(firstAlarm);
    expect(outbox?.map((message) => message.recipient)).toEqual([
      { kind: 'legal_department', unionCode: '210102' },
      { kind: 'staff', staffId: mediator.staffId },
    ]);
    expect(escalate(next, moment(now))).toBeUndefined();
  });

  it('returns a claim nobody worked for 48 hours to the pool, without making the case late', () => {
    // Prepare
    const claimed = claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', T0);
    const now = after(T0, 49 * HOUR);

    // Act
    const escalated = escalate(claimed, moment(now));

    // Assess
    expect(escalate(claimed, moment(after(T0, 47 * HOUR)))).toBeUndefined();
    const { next, events, outbox, releasedOwner } = escalated!;
    expect(next.status).toBe('in_pool');
    expect(next.owner).toBeUndefined();
    expect(releasedOwner).toBe(lawyer.staffId);
    expect(next.overdueAt).toBeUndefined();
    expect(outbox).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({ type: 'deadline_missed', data: expect.objectContaining({ clock: 'claim_idle' }) }),
      expect.objectContaining({
        type: 'released',
        actor: { kind: 'system' },
        data: expect.objectContaining({ previousOwner: lawyer.staffId }),
      }),
    ]);
    expect(escalate(next, moment(now))).toBeUndefined();
  });

  it('leaves a worked claim with its owner', () => {
    // Prepare
    const worked = recordWork({
      caseRecord: claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', T0),
      entry: note,
      caller: lawyer,
      moment: moment(after(T0, HOUR)),
      rules: RULES,
    }).next;

    // Act / Assess
    expect(escalate(worked, moment(after(T0, 49 * HOUR)))).toBeUndefined();
  });

  it('ignores a concluded case', () => {
    // Prepare
    const closed = closeCase({
      caseRecord: registered(wageComplaint()),
      closure: { outcome: 'withdrawn', summary: '撤回' },
      caller: admin,
      moment: moment(after(T0, HOUR)),
    }).next;

    // Act / Assess
    expect(escalate(closed, moment('2027-06-01T00:00:00.000Z'))).toBeUndefined();
  });
});

describe('periods a party can lose, recorded as work (worked dates around National Day 2026-10-01..07 and Spring Festival 2026-02-15..23)', () => {
  const record = (caseRecord: CaseRecord, entry: WorkEntry, at = T0, rules = RULES) =>
    recordWork({ caseRecord, entry, caller: lawyer, moment: moment(at), rules });
  const injuryCase = () =>
    claimedBy(registered(injuryComplaint(), '2026-09-01T01:00:00.000Z'), lawyer, 'lawyer', '2026-09-01T02:00:00.000Z');

  it.each([
    // Accident 1 Sep 2026: +30 days = 1 Oct (National Day) → 8 Oct; +1 year = 1 Sep 2027 (beyond the loaded calendar: Mon–Fri).
    [{ accidentOn: '2026-09-01' }, '2026-10-08T16:00:00.000Z', '2027-09-01T16:00:00.000Z'],
    // Diagnosed 20 Jan 2026: +30 days = 19 Feb (Spring Festival) → Tue 24 Feb; +1 year = Wed 20 Jan 2027.
    [{ diagnosedOn: '2026-01-20' }, '2026-02-24T16:00:00.000Z', '2027-01-20T16:00:00.000Z'],
    // Accident 15 Jan 2026: +30 days = Sat 14 Feb, a make-up working day (调休), so it ends that day.
    [{ accidentOn: '2026-01-15' }, '2026-02-14T16:00:00.000Z', '2027-01-15T16:00:00.000Z'],
    // Accident 1 Oct 2025: the year ends on 1 Oct 2026 (National Day) → 8 Oct.
    [{ accidentOn: '2025-10-01' }, '2025-10-31T16:00:00.000Z', '2026-10-08T16:00:00.000Z'],
  ])(
    'injury_recorded %o starts the employer’s 30 days and the worker’s year (Work Injury Insurance Regulations, Art. 17)',
    (dates, employerDue, workerDue) => {
      // Act
      const { next } = record(injuryCase(), { type: 'injury_recorded', ...dates }, '2026-09-02T02:00:00.000Z');

      // Assess
      expect(next.workInjury).toEqual(dates);
      expect(clock(next, 'injury_recognition_employer')?.dueAt).toBe(employerDue);
      expect(clock(next, 'injury_recognition_worker')?.dueAt).toBe(workerDue);
      expect(clock(next, 'injury_recognition_worker')?.basis).toContain('Art. 17');
    },
  );

  it('warns on the timeline, like the limitation warning, when the employer’s 30 days have run or the worker’s year runs soon', () => {
    // Act: an accident on 1 Dec 2025 recorded on 23 Nov 2026: the employer’s 30 days ran out on 31 Dec 2025; the year runs on 1 Dec 2026.
    const { events, next } = record(injuryCase(), { type: 'injury_recorded', accidentOn: '2025-12-01' });

    // Assess
    expect(events.map((entry) => [entry.type, entry.data.clock, entry.data.status])).toEqual([
      ['injury_recorded', undefined, undefined],
      ['limitation_warning', 'injury_recognition_employer', 'may_have_run'],
      ['limitation_warning', 'injury_recognition_worker', 'runs_soon'],
    ]);
    expect(events[2]!.data.runsOn).toBe('2026-12-01');
    // The missed period is escalated by the sweeper like any clock: the legal department hears of it.
    const swept = escalate(next, moment(after(T0, HOUR)))!;
    expect(swept.events.map((entry) => entry.data.clock)).toContain('injury_recognition_employer');
    expect(swept.outbox?.[0]?.params.clocks).toContain('用人单位工伤认定申请期限');
  });

  it('refuses injury dates on a case that is not about a work injury, and a second recording (correct it instead)', () => {
    const wageCase = claimedBy(registered(wageComplaint()), mediator, 'mediator', T0);
    expect(() =>
      recordWork({
        caseRecord: wageCase,
        entry: { type: 'injury_recorded', accidentOn: '2026-09-01' },
        caller: mediator,
        moment: moment(T0),
        rules: RULES,
      }),
    ).toThrow(refusedWith({ status: 422 }));
    expect(() => record(injuryCase(), { type: 'injury_recorded', accidentOn: '2026-09-01', diagnosedOn: '2026-09-02' })).toThrow(
      refusedWith({ status: 422 }),
    );
    const recorded = record(injuryCase(), { type: 'injury_recorded', accidentOn: '2026-09-01' }).next;
    expect(() => record(recorded, { type: 'injury_recorded', accidentOn: '2026-09-02' })).toThrow(refusedWith({ status: 422 }));
    expect(() => record(injuryCase(), { type: 'injury_recorded' })).toThrow(
      refusedWith({ status: 422, details: [expect.objectContaining({ path: 'accidentOn' })] }),
    );
  });

  /** A case with an award made on 14 September 2026. */
  function awarded(): CaseRecord {
    let caseRecord = injuryCase();
    for (const entry of [
      { type: 'arbitration_filed', filedOn: '2026-09-01', commission: '沈阳市劳动人事争议仲裁委员会' },
      { type: 'arbitration_accepted', acceptedOn: '2026-09-02' },
      { type: 'arbitration_awarded', awardedOn: '2026-09-14', summary: '裁决支付工伤待遇' },
    ] as const) {
      caseRecord = record(caseRecord, entry, '2026-09-15T02:00:00.000Z').next;
    }
    return caseRecord;
  }

  it.each([
    // Served Tue 22 Sep: +15 days = 7 Oct (National Day) → Thu 8 Oct (either party may sue, Art. 50).
    [false, '2026-10-08T16:00:00.000Z', undefined],
    // A final award: the worker’s 15 days as above (Art. 48); the employer’s 30 days = Thu 22 Oct (Art. 49).
    [true, '2026-10-08T16:00:00.000Z', '2026-10-22T16:00:00.000Z'],
  ])(
    'award_served (final: %s) starts the periods to challenge the award (Arts. 48–50)',
    (finalAward, lawsuitDue, setAsideDue) => {
      // Act
      const { next } = record(
        awarded(),
        { type: 'award_served', servedOn: '2026-09-22', finalAward },
        '2026-09-23T02:00:00.000Z',
      );

      // Assess
      expect(next.arbitration).toMatchObject({ servedOn: '2026-09-22', finalAward });
      expect(clock(next, 'award_lawsuit')?.dueAt).toBe(lawsuitDue);
      expect(clock(next, 'award_lawsuit')?.basis).toContain(finalAward ? 'Art. 48' : 'Art. 50');
      expect(clock(next, 'award_set_aside')?.dueAt).toBe(setAsideDue);
    },
  );

  it('refuses a service date before the award, or before any award is recorded', () => {
    expect(() => record(awarded(), { type: 'award_served', servedOn: '2026-09-13', finalAward: false })).toThrow(
      refusedWith({ status: 422, details: [expect.objectContaining({ path: 'servedOn' })] }),
    );
    expect(() => record(injuryCase(), { type: 'award_served', servedOn: '2026-09-13', finalAward: false })).toThrow(
      refusedWith({ status: 422 }),
    );
  });

  it.each([
    // Filed Tue 29 Sep 2026. Working days: 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休), Mon 12 Oct.
    ['working_days', '2026-10-12T16:00:00.000Z', '2017'],
    // Calendar days: 4 Oct, National Day → the next working day, 8 Oct.
    ['calendar_days', '2026-10-08T16:00:00.000Z', 'calendar days'],
  ] as const)('Art. 29’s five days counted as %s, as the union is configured', (counting, due, basisNames) => {
    // Act
    const { next } = record(
      injuryCase(),
      { type: 'arbitration_filed', filedOn: '2026-09-29', commission: '沈阳市劳动人事争议仲裁委员会' },
      '2026-09-30T02:00:00.000Z',
      { ...RULES, arbitrationAcceptanceCounting: counting },
    );

    // Assess
    expect(clock(next, 'arbitration_acceptance')?.dueAt).toBe(due);
    expect(clock(next, 'arbitration_acceptance')?.basis).toContain(basisNames);
  });

  it('a corrected accident date recomputes both recognition periods', () => {
    // Prepare
    const recorded = record(injuryCase(), { type: 'injury_recorded', accidentOn: '2026-09-01' }, '2026-09-02T02:00:00.000Z');

    // Act
    const corrected = recordWork({
      caseRecord: recorded.next,
      entry: { type: 'correction', correctsEventId: recorded.events[0]!.eventId, field: 'accidentOn', value: '2026-08-28' },
      caller: lawyer,
      moment: moment('2026-09-02T03:00:00.000Z'),
      rules: RULES,
      timeline: recorded.events,
    });

    // Assess: 28 Aug + 30 days = Sun 27 Sep → Mon 28 Sep; + 1 year = Sat 28 Aug 2027 → Mon 30 Aug (beyond the calendar).
    expect(corrected.next.workInjury).toEqual({ accidentOn: '2026-08-28' });
    expect(clock(corrected.next, 'injury_recognition_employer')?.dueAt).toBe('2026-09-28T16:00:00.000Z');
    expect(clock(corrected.next, 'injury_recognition_worker')?.dueAt).toBe('2027-08-30T16:00:00.000Z');
  });
});
