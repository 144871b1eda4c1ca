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
    it('names an event of the case’s timeline, or is refused with 422', () => {
      // Prepare
      const claimed = claimedBy(registered(injuryComplaint()), lawyer, 'lawyer', T0);
      const earlier = recordWork({
        caseRecord: claimed,
        entry: note,
        caller: lawyer,
        moment: moment(after(T0, HOUR)),
        rules: RULES,
      });
      const timeline = new Set([earlier.events[0]!.eventId]);
      const correct = (eventId: string) =>
        recordWork({
          caseRecord: earlier.next,
          entry: { type: 'correction', correctsEventId: eventId, text: '面谈改为本周五。' },
          caller: lawyer,
          moment: moment(after(T0, 2 * HOUR)),
          rules: RULES,
          correctable: timeline,
        });

      // Act
      const corrected = correct(earlier.events[0]!.eventId);

      // Assess
      expect(corrected.events).toEqual([
        expect.objectContaining({
          type: 'correction',
          data: { correctsEventId: earlier.events[0]!.eventId, text: '面谈改为本周五。' },
        }),
      ]);
      expect(() => correct('no-such-event')).toThrow(
        refusedWith({
          status: 422,
          code: 'UNPROCESSABLE',
          details: [expect.objectContaining({ path: 'correctsEventId' })],
        }),
      );
      expect(() =>
        recordWork({
          caseRecord: earlier.next,
          entry: { type: 'correction', correctsEventId: earlier.events[0]!.eventId, text: 'x' },
          caller: lawyer,
          moment: moment(after(T0, 2 * HOUR)),
          rules: RULES,
        }),
      ).toThrow(refusedWith({ status: 422 }));
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
    expect(clock(claimed, 'mediation')).toMatchObject({ startedAt: at, dueAt: due });
    expect(clock(claimed, 'claim_idle')).toMatchObject({ startedAt: at, dueAt: after(at, 48 * HOUR) });
    expect(clock(claimed, 'first_response')?.metAt).toBe(at);
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
