import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/cases.js';
import { recompute } from '../../shared/domain/figures.js';
import type { Caller } from '../../shared/domain/roles.js';
import { keys } from '../../shared/store/keys.js';
import { queryAll } from '../../shared/store/operations.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { listCases, registerCase } from '../../shared/usecases/cases.js';
import type { ComplainantAccess, Dependencies, PageCursors, PhoneHashing } from '../../shared/usecases/dependencies.js';
import { claimCase } from '../../shared/usecases/dispatch.js';
import {
  addCaseWork,
  closeCaseWithOutcome,
  followUpCase,
  logCaseCall,
  reopenClosedCase,
} from '../../shared/usecases/lifecycle.js';
import { putRosterEntry } from '../../shared/usecases/roster.js';
import { provision } from '../../shared/usecases/provisioning.js';
import { sweep } from '../../shared/usecases/sweeper.js';
import { storedFigures } from '../support/figures.js';
import { answeredConsultation, callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { AppError } from '../../shared/domain/errors.js';
import { statusOf as httpStatusOf } from '../../shared/http/error-status.js';
import { refusal } from '../support/refusal.js';

/** Monday 2026-11-23, 10:00 in China. */
const T0 = '2026-11-23T02:00:00.000Z';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const after = (instant: string, ms: number) => new Date(Date.parse(instant) + ms);

type Deps = Dependencies & ComplainantAccess & PhoneHashing & PageCursors;

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: AppError) => (error instanceof AppError ? httpStatusOf(error) : 500),
  );

const outcomeOf = (promise: Promise<unknown>): Promise<{ status: number; code?: string }> =>
  promise.then(
    () => ({ status: 200 }),
    (error: AppError) => ({ status: error instanceof AppError ? httpStatusOf(error) : 500, code: error.code }),
  );

/** A work-injury complaint of a migrant worker: priority (first response within 2 h), to the lawyer pool. */
const injury = (overrides: Parameters<typeof complaint>[0] = {}) =>
  complaint({ category: 'work_injury', occurredOn: '2026-09-01', ...overrides });

/** A fresh table for one describe, so no other test's cases are due, counted or raced. */
function freshTable(): { table: () => TestTable } {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
    forgetCachedDirectory();
  });
  afterAll(async () => table.drop());
  return { table: () => table };
}

/** A lawyer on 和平区's roster, as its legal department would add them. */
async function newLawyer(deps: Deps): Promise<Caller> {
  const staffId = randomUUID();
  await putRosterEntry(deps, callerOf('admin-liaoning'), staffId, {
    displayName: '志愿律师',
    role: 'lawyer',
    unionCode: '210102',
    categories: ['work_injury'],
    capacity: 10,
    dutyWeekdays: [1, 2, 3, 4, 5],
    dutyDates: [],
    conflicts: [],
    active: true,
  });
  return { staffId, username: `lawyer-${staffId.slice(0, 8)}`, roles: ['lawyer'], unionCode: '210102' };
}

describe('concurrent transitions on one case', () => {
  const { table } = freshTable();
  let deps: Deps;
  beforeAll(() => {
    // Every reading of the clock is a second later than the one before: events keep the order they were decided in.
    let tick = 0;
    deps = testDependencies(table(), { now: () => after(T0, tick++ * 1000) });
  });

  /** A lawyer working three claimed cases, so a double release of capacity would show (it cannot hide behind zero). */
  async function lawyerWithThreeCases(): Promise<{ lawyer: Caller; caseIds: string[] }> {
    const lawyer = await newLawyer(deps);
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { caseRecord } = await registerCase(deps, callerOf('op-heping'), injury());
      await claimCase(deps, lawyer, caseRecord.caseId);
      caseIds.push(caseRecord.caseId);
    }
    return { lawyer, caseIds };
  }

  const activeCasesOf = async (lawyer: Caller) => (await deps.staff.get('210000', lawyer.staffId))!.activeCases;
  const closure = { outcome: 'withdrawn' as const, summary: '职工撤回申请' };

  it('20 closes by the owner at once: one wins, 19 are 409, one closure on the timeline, capacity freed once', async () => {
    // Prepare
    const { lawyer, caseIds } = await lawyerWithThreeCases();
    const caseId = caseIds[0]!;
    expect(await activeCasesOf(lawyer)).toBe(3);

    // Act
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => statusOf(closeCaseWithOutcome(deps, lawyer, caseId, closure))),
    );

    // Assess
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect((await deps.cases.get(caseId))!.status).toBe('closed');
    expect((await deps.cases.timeline(caseId)).filter((event) => event.type === 'closed')).toHaveLength(1);
    expect(await activeCasesOf(lawyer)).toBe(2);
  });

  it('owner and legal department closing while the owner records work: one closure, all work before it, the rest 409', async () => {
    // Prepare
    const { lawyer, caseIds } = await lawyerWithThreeCases();
    const caseId = caseIds[0]!;
    const admin = callerOf('admin-heping');
    const note = { type: 'note' as const, text: '已联系用人单位。' };
    const request = {
      'owner records work': () => addCaseWork(deps, lawyer, caseId, note),
      'owner closes': () => closeCaseWithOutcome(deps, lawyer, caseId, closure),
      'legal department closes': () => closeCaseWithOutcome(deps, admin, caseId, closure),
    };
    const kinds = Object.keys(request) as (keyof typeof request)[];

    // Act: 30 requests at once, 10 of each, interleaved. Whoever closes and hears that someone else changed the case
    // reloads and tries again, as the message tells them to; recording work is not retried.
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const kind = kinds[index % kinds.length]!;
        let outcome = await outcomeOf(request[kind]());
        for (let retries = 0; kind !== 'owner records work' && outcome.code === 'CONFLICT' && retries < 50; retries++) {
          outcome = await outcomeOf(request[kind]());
        }
        return { kind, ...outcome };
      }),
    );

    // Assess
    const closes = outcomes.filter((outcome) => outcome.kind !== 'owner records work');
    const works = outcomes.filter((outcome) => outcome.kind === 'owner records work');
    expect(closes.filter((outcome) => outcome.status === 200)).toHaveLength(1);
    expect(closes.filter((outcome) => outcome.status !== 200).map((outcome) => outcome.code)).toEqual(
      Array(closes.length - 1).fill('INVALID_TRANSITION'),
    );
    expect(works.every((outcome) => outcome.status === 200 || outcome.status === 409)).toBe(true);
    const timeline = await deps.cases.timeline(caseId);
    const closed = timeline.filter((event) => event.type === 'closed');
    const notes = timeline.filter((event) => event.type === 'note_added');
    expect(closed).toHaveLength(1);
    expect(notes).toHaveLength(works.filter((outcome) => outcome.status === 200).length);
    expect(notes.every((event) => event.at < closed[0]!.at)).toBe(true);
    expect((await deps.cases.get(caseId))!.status).toBe('closed');
    expect(await activeCasesOf(lawyer)).toBe(2);
  });
});

describe('the sweeper', () => {
  const { table } = freshTable();
  let deps: Deps;
  beforeAll(() => {
    deps = testDependencies(table(), { now: () => new Date(T0) });
  });

  /**
   * What was registered at T0 in 沈河区 (which assigns nothing automatically),
   * and which clocks have run out when: first response within 30 min (urgent),
   * 2 h (priority) or 24 h (ordinary); completion targets are days away.
   */
  const REGISTERED = [
    {
      name: 'urgent collective dispute A',
      input: complaint({ regionCode: '210103', workersInvolved: 12 }),
      missedBy: { '3h': ['first_response'], '25h': ['first_response'] },
    },
    {
      name: 'urgent collective dispute B',
      input: complaint({ regionCode: '210103', workersInvolved: 30 }),
      missedBy: { '3h': ['first_response'], '25h': ['first_response'] },
    },
    {
      name: 'priority: migrant worker injured',
      input: injury({ regionCode: '210103' }),
      missedBy: { '3h': ['first_response'], '25h': ['first_response'] },
    },
    {
      name: 'ordinary injury',
      input: injury({
        regionCode: '210103',
        complainant: { name: '王军', mobile: '13700001111', migrantWorker: false, modelWorker: false, womanWorker: false },
      }),
      missedBy: { '3h': [], '25h': ['first_response'] },
    },
    {
      name: 'urgent, but closed by the legal department within 10 minutes',
      input: complaint({ regionCode: '210103', workersInvolved: 15 }),
      closeAfter: 10 * MINUTE,
      missedBy: { '3h': [], '25h': [] },
    },
    {
      name: 'consultation answered on the call',
      input: answeredConsultation({ regionCode: '210103' }),
      missedBy: { '3h': [], '25h': [] },
    },
  ] as const;

  const cases: {
    name: string;
    caseId: string;
    missedBy: { readonly '3h': readonly string[]; readonly '25h': readonly string[] };
  }[] = [];
  /** The clocks the timeline says were missed, one deadline_missed event each. */
  const missedClocks = async (caseId: string) =>
    (await deps.cases.timeline(caseId))
      .filter((event) => event.type === 'deadline_missed')
      .map((event) => event.data.clock as string)
      .sort();
  const noticesOf = async (caseId: string) =>
    (
      await queryAll(table(), {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).PK, ':prefix': 'OUTBOX#' },
      })
    ).filter((message) => message.template === 'deadline_missed');

  beforeAll(async () => {
    for (const entry of REGISTERED) {
      const { caseRecord } = await registerCase(deps, callerOf('op-shenhe'), entry.input);
      if ('closeAfter' in entry) {
        const closing = testDependencies(table(), { now: () => after(T0, entry.closeAfter) });
        await closeCaseWithOutcome(closing, callerOf('admin-shenyang'), caseRecord.caseId, {
          outcome: 'referred_to_labour_inspection',
          summary: '转劳动监察',
        });
      }
      cases.push({ name: entry.name, caseId: caseRecord.caseId, missedBy: entry.missedBy });
    }
  });

  it('two sweeps at once escalate each missed clock exactly once; a third escalates nothing', async () => {
    // Prepare
    const later = testDependencies(table(), { now: () => after(T0, 3 * HOUR) });
    const expectedOverdue = cases.filter((entry) => entry.missedBy['3h'].length > 0);

    // Act
    const reports = await Promise.all([sweep(later), sweep(later)]);
    const third = await sweep(later);

    // Assess
    expect(reports[0].escalated + reports[1].escalated).toBe(expectedOverdue.length);
    expect(third.escalated).toBe(0);
    for (const entry of cases) {
      expect({ name: entry.name, missed: await missedClocks(entry.caseId) }).toEqual({
        name: entry.name,
        missed: entry.missedBy['3h'],
      });
      const stored = (await deps.cases.get(entry.caseId))!;
      expect({ name: entry.name, overdue: stored.overdueAt !== undefined }).toEqual({
        name: entry.name,
        overdue: entry.missedBy['3h'].length > 0,
      });
      // The legal department hears of the case once, not once per sweep.
      expect({ name: entry.name, notices: (await noticesOf(entry.caseId)).length }).toEqual({
        name: entry.name,
        notices: entry.missedBy['3h'].length > 0 ? 1 : 0,
      });
    }
    // The city's legal department lists exactly those cases as overdue.
    const listed = await listCases(deps, callerOf('admin-shenyang'), { overdue: 'true', limit: 100 });
    expect(listed.items.map((item) => item.caseId).sort()).toEqual(expectedOverdue.map((entry) => entry.caseId).sort());
  });

  it('a day later escalates only the clocks that have run out since', async () => {
    // Prepare
    const dayLater = testDependencies(table(), { now: () => after(T0, 25 * HOUR) });
    const newlyEscalated = cases.filter((entry) => entry.missedBy['25h'].length > entry.missedBy['3h'].length).length;

    // Act
    const reports = await Promise.all([sweep(dayLater), sweep(dayLater)]);

    // Assess
    expect(reports[0].escalated + reports[1].escalated).toBe(newlyEscalated);
    for (const entry of cases) {
      expect({ name: entry.name, missed: await missedClocks(entry.caseId) }).toEqual({
        name: entry.name,
        missed: entry.missedBy['25h'],
      });
    }
    expect((await sweep(dayLater)).escalated).toBe(0);
  });
});

/** The counters of a table holding this one case equal a recomputation from the case. */
async function expectFiguresToMatch(table: TestTable, caseRecord: CaseRecord, months: readonly string[]): Promise<void> {
  const recomputed = recompute([caseRecord]);
  for (const month of months) {
    expect({ month, figures: await storedFigures(table, caseRecord.unionCode, month) }).toEqual({
      month,
      figures: recomputed.get(`${caseRecord.unionCode}#${month}`) ?? {},
    });
  }
}

describe('monthly figures through a case’s life', () => {
  const { table } = freshTable();
  let now = T0;
  let deps: Deps;
  beforeAll(() => {
    deps = testDependencies(table(), { now: () => new Date(now) });
  });

  it('register → claim → close → call-back → reopen → payment → close again: filed months keep their figures, money counts once', async () => {
    // Prepare: registered and closed in November, called back and reopened in December, a payment received and closed
    // again in December.
    const months = ['2026-11', '2026-12'];
    const lawyer = callerOf('lawyer-heping');
    const steps: [string, string, (caseId: string) => Promise<CaseRecord>][] = [
      ['claim', after(T0, HOUR).toISOString(), (caseId) => claimCase(deps, lawyer, caseId)],
      [
        'close',
        '2026-11-25T02:00:00.000Z',
        (caseId) =>
          closeCaseWithOutcome(deps, lawyer, caseId, {
            outcome: 'mediated_agreement',
            summary: '用人单位同意赔偿',
            amountRecoveredFen: 1_200_000,
          }),
      ],
      [
        'call-back',
        '2026-12-02T02:00:00.000Z',
        (caseId) => followUpCase(deps, callerOf('op-heping'), caseId, { reached: true, satisfaction: 5 }),
      ],
      ['reopen', '2026-12-03T02:00:00.000Z', (caseId) => reopenClosedCase(deps, callerOf('admin-heping'), caseId, '赔偿未到位')],
      ['claim again', '2026-12-03T03:00:00.000Z', (caseId) => claimCase(deps, lawyer, caseId)],
      [
        'payment received',
        '2026-12-08T02:00:00.000Z',
        (caseId) =>
          addCaseWork(deps, lawyer, caseId, {
            type: 'payment_received',
            receivedOn: '2026-12-07',
            kind: 'injury_compensation',
            amountFen: 500_000,
          }),
      ],
      [
        'close again',
        '2026-12-10T02:00:00.000Z',
        (caseId) =>
          closeCaseWithOutcome(deps, lawyer, caseId, {
            outcome: 'mediated_agreement',
            summary: '赔偿已全部到位',
            // The totals to date: the first closure's 12,000.00 and the payment's 5,000.00, plus 3,000.00 wages.
            amountsRecoveredFen: { injury_compensation: 1_700_000, wages: 300_000 },
          }),
      ],
    ];
    now = T0;
    const { caseRecord } = await registerCase(deps, callerOf('op-heping'), injury());
    await expectFiguresToMatch(table(), caseRecord, months);

    for (const [name, at, step] of steps) {
      // Act
      now = at;
      const returned = await step(caseRecord.caseId);

      // Assess
      const stored = (await deps.cases.get(caseRecord.caseId))!;
      expect({ step: name, version: stored.version }).toEqual({ step: name, version: returned.version });
      await expectFiguresToMatch(table(), stored, months);
    }

    // November keeps its closure and its money; December has the call-back, the reopening, the payment and the
    // second closure (timed from the reopening: 7 days), with only the money not counted before.
    const final = (await deps.cases.get(caseRecord.caseId))!;
    expect(final).toMatchObject({ status: 'closed', reopenCount: 1, amountRecoveredFen: 2_000_000 });
    expect(await storedFigures(table(), '210102', '2026-11')).toMatchObject({
      opened: 1,
      closed: 1,
      closedOnTime: 1,
      'outcome.mediated_agreement': 1,
      amountRecoveredFen: 1_200_000,
      'recoveredFen.injury_compensation': 1_200_000,
    });
    expect(await storedFigures(table(), '210102', '2026-12')).toEqual({
      followUps: 1,
      rated: 1,
      satisfied: 1,
      reopened: 1,
      closed: 1,
      closedOnTime: 1,
      secondsToClose: 7 * 24 * 3600,
      'outcome.mediated_agreement': 1,
      amountRecoveredFen: 800_000,
      'recoveredFen.injury_compensation': 500_000,
      'recoveredFen.wages': 300_000,
    });
  });
});

describe('12351 calls logged on an existing case', () => {
  const { table } = freshTable();
  let now = T0;
  let deps: Deps;
  beforeAll(() => {
    deps = testDependencies(table(), { now: () => new Date(now) });
  });

  it('a 12351 call about an existing case counts in the month it was taken (来电 / 去电); status, owner and clocks stay', async () => {
    // Prepare: a complaint registered and claimed in November; the worker rings about it twice in December.
    now = T0;
    const { caseRecord: registered } = await registerCase(deps, callerOf('op-heping'), injury());
    now = after(T0, HOUR).toISOString();
    const claimed = await claimCase(deps, callerOf('lawyer-heping'), registered.caseId);

    // Act: two calls in, one back out; the first one at 00:30 on 1 December, China time.
    now = '2026-11-30T16:30:00.000Z';
    await logCaseCall(deps, callerOf('op-heping'), claimed.caseId, {
      direction: 'inbound',
      durationSeconds: 180,
      note: '询问调解进度',
    });
    now = '2026-12-02T03:00:00.000Z';
    await logCaseCall(deps, callerOf('op-heping'), claimed.caseId, { direction: 'inbound', note: '补充说明工伤经过' });
    now = '2026-12-02T05:00:00.000Z';
    const logged = await logCaseCall(deps, callerOf('admin-heping'), claimed.caseId, {
      direction: 'outbound',
      note: '回电告知下次调解时间',
    });

    // Assess: the case is as it was, three versions on.
    expect(logged).toMatchObject({ status: 'claimed', owner: claimed.owner, version: claimed.version + 3 });
    expect(logged.deadlines).toEqual(claimed.deadlines);
    expect(await storedFigures(table(), '210102', '2026-12')).toEqual({ callsAnswered: 2, callsMade: 1 });
    await expectFiguresToMatch(table(), (await deps.cases.get(claimed.caseId))!, ['2026-11', '2026-12']);
    const calls = (await deps.cases.timeline(claimed.caseId)).filter((event) => event.type === 'hotline_call');
    expect(calls.map((event) => event.data)).toEqual([
      { direction: 'inbound', durationSeconds: 180, note: '询问调解进度' },
      { direction: 'inbound', note: '补充说明工伤经过' },
      { direction: 'outbound', note: '回电告知下次调解时间' },
    ]);

    // A lawyer records their own calls as case work, not as 12351 calls.
    await expect(
      refusal(logCaseCall(deps, callerOf('lawyer-heping'), claimed.caseId, { direction: 'inbound', note: '律师来电' })),
    ).resolves.toMatchObject({ status: 403 });
  });
});

describe('the holiday calendar', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
    forgetCachedDirectory();
  });
  afterAll(async () => {
    await table.drop();
  });

  it('is read from the table, so replacing it moves working-day targets without a release; seeding keeps it', async () => {
    // Prepare: a wage-arrears complaint on Monday 23 November 2026 has a 10-working-day target (Monday 7 December).
    const monday = testDependencies(table, { now: () => new Date('2026-11-23T02:00:00Z') });
    const targetOf = async () =>
      (await registerCase(monday, callerOf('op-heping'), complaint())).caseRecord.deadlines?.find(
        (deadline) => deadline.clock === 'completion_target',
      )?.dueAt;
    expect(await targetOf()).toBe('2026-12-07T16:00:00.000Z');

    // Act: the union's administrators declare 24 November a holiday; a later seed must not undo it.
    await monday.unions.putCalendar({ holidays: ['2026-11-24'], adjustedWorkdays: [] });
    await monday.unions.putCalendar({ holidays: [], adjustedWorkdays: [] }, { keepExisting: true });

    // Assess: one working day fewer, so the target moves to Tuesday 8 December.
    expect(await targetOf()).toBe('2026-12-08T16:00:00.000Z');
  });
});

describe('clocks a worker can lose, and corrections, through the use cases', () => {
  const { table } = freshTable();
  let now = '2026-09-28T02:00:00.000Z';
  let deps: Deps;
  const lawyer = callerOf('lawyer-heping');
  /** The case the first test files for arbitration, whose filing the second corrects. */
  let filedCaseId: string;
  beforeAll(() => {
    deps = testDependencies(table(), { now: () => new Date(now) });
  });

  it('a union provisioned to read Art. 29 in calendar days counts the acceptance period so; injury dates start Art. 17’s periods with a warning', async () => {
    // Prepare: 和平区 is provisioned to count Art. 29's five days as calendar days.
    const heping = (await deps.unions.directory()).get('210102')!;
    const provisioned = await provision(
      { unions: [{ ...heping, arbitrationAcceptanceCounting: 'calendar_days' }], calendar: [], roster: [] },
      deps,
    );
    expect(provisioned).toMatchObject({ problems: [], unions: { written: 1 } });
    forgetCachedDirectory();
    const { caseRecord: registered } = await registerCase(deps, callerOf('op-heping'), injury());
    filedCaseId = registered.caseId;
    now = '2026-09-29T02:00:00.000Z';
    await claimCase(deps, lawyer, registered.caseId);

    // Act: filed on Tuesday 29 September; the accident was on 1 September 2025, a year and four weeks ago.
    const filed = await addCaseWork(deps, lawyer, registered.caseId, {
      type: 'arbitration_filed',
      filedOn: '2026-09-29',
      commission: '沈阳市和平区劳动人事争议仲裁委员会',
    });
    const injured = await addCaseWork(deps, lawyer, registered.caseId, { type: 'injury_recorded', accidentOn: '2025-10-01' });

    // Assess: 29 Sep + 5 calendar days = 4 Oct, National Day → 8 Oct (working days would give 12 Oct).
    expect(filed.deadlines?.find((deadline) => deadline.clock === 'arbitration_acceptance')).toMatchObject({
      dueAt: '2026-10-08T16:00:00.000Z',
      basis: expect.stringContaining('calendar days'),
    });
    // The worker's year from 1 Oct 2025 ends on National Day, so it runs to 8 Oct 2026: it runs soon.
    expect(injured.workInjury).toEqual({ accidentOn: '2025-10-01' });
    expect(injured.deadlines?.find((deadline) => deadline.clock === 'injury_recognition_worker')?.dueAt).toBe(
      '2026-10-08T16:00:00.000Z',
    );
    const warnings = (await deps.cases.timeline(registered.caseId)).filter((entry) => entry.type === 'limitation_warning');
    expect(warnings.map((entry) => [entry.data.clock, entry.data.status, entry.data.runsOn])).toEqual(
      expect.arrayContaining([
        ['injury_recognition_employer', 'may_have_run', '2025-10-31'],
        ['injury_recognition_worker', 'runs_soon', '2026-10-08'],
      ]),
    );
  });

  it('a correction of the filing date moves the clock; the timeline keeps the filing and the correction; another case’s event is refused', async () => {
    // Prepare: a second case, and the first case's filing as recorded (29 September).
    const caseId = filedCaseId;
    const filing = (await deps.cases.timeline(caseId)).find((entry) => entry.type === 'arbitration_filed')!;
    const { caseRecord: other } = await registerCase(deps, callerOf('op-heping'), injury());
    now = '2026-10-09T02:00:00.000Z';
    await claimCase(deps, lawyer, other.caseId);

    // Act: it was in fact filed on Wednesday 30 September: 30 Sep + 5 = 5 Oct, National Day → 8 Oct still.
    // Then on Friday 9 October → 14 October.
    await addCaseWork(deps, lawyer, caseId, {
      type: 'correction',
      correctsEventId: filing.eventId,
      field: 'filedOn',
      value: '2026-09-30',
    });
    // An hour later, the commission's receipt shows yet another day. (Events of one instant would be ordered by id.)
    now = '2026-10-09T03:00:00.000Z';
    const corrected = await addCaseWork(deps, lawyer, caseId, {
      type: 'correction',
      correctsEventId: filing.eventId,
      field: 'filedOn',
      value: '2026-10-09',
      text: '以仲裁委收件回执为准',
    });

    // Assess
    expect(corrected.arbitration?.filedOn).toBe('2026-10-09');
    expect(corrected.deadlines?.find((deadline) => deadline.clock === 'arbitration_acceptance')?.dueAt).toBe(
      '2026-10-14T16:00:00.000Z',
    );
    expect((await deps.cases.get(caseId))?.arbitration?.filedOn).toBe('2026-10-09');
    const timeline = await deps.cases.timeline(caseId);
    expect(timeline.filter((entry) => entry.type === 'arbitration_filed').map((entry) => entry.data.filedOn)).toEqual([
      '2026-09-29',
    ]);
    expect(
      timeline.filter((entry) => entry.type === 'correction').map((entry) => [entry.data.previousValue, entry.data.value]),
    ).toEqual([
      ['2026-09-29', '2026-09-30'],
      ['2026-09-30', '2026-10-09'],
    ]);
    await expect(
      outcomeOf(
        addCaseWork(deps, lawyer, other.caseId, {
          type: 'correction',
          correctsEventId: filing.eventId,
          field: 'filedOn',
          value: '2026-10-09',
        }),
      ),
    ).resolves.toEqual({ status: 422, code: 'UNPROCESSABLE' });
  });
});
