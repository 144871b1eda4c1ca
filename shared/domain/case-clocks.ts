import type { CaseRecord } from './cases.js';
import {
  ARBITRATION_ACCEPTANCE_DAYS,
  ARBITRATION_AWARD_DAYS,
  ARBITRATION_EXTENSION_DAYS,
  AWARD_LAWSUIT_DAYS,
  AWARD_SET_ASIDE_DAYS,
  DEFAULT_COMPLETION_TARGET_WORKING_DAYS,
  INJURY_RECOGNITION_EMPLOYER_DAYS,
  INJURY_RECOGNITION_WORKER_YEARS,
  LIMITATION_RUNS_SOON_DAYS,
  MEDIATION_DAYS,
  daysBetween,
  firstResponseDue,
  statutoryPeriodDue,
  statutoryYearsDue,
  workingDayTargetDue,
  type AcceptanceCounting,
} from './clocks.js';
import { chinaDate } from './china-time.js';
import { isRunning, meetClocks, startClock, stopClock, type ClockName, type Deadline } from './deadlines.js';
import { DEFAULT_HOLIDAY_CALENDAR, calendarLastDay, calendarYears, type HolidayCalendar } from './holiday-calendar.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';
import type { Role } from './roles.js';
import type { Category } from './vocabulary.js';

/**
 * Which clocks start and stop at each stage of a case. The arithmetic is in
 * clocks.ts; this file only says when each clock applies.
 */
export interface ClockRules {
  readonly calendar: HolidayCalendar;
  /** The union's completion targets (限时办结), in working days per category. */
  readonly completionTargets: Readonly<Record<Category, number>>;
  /** How the five days of Art. 29 are counted where the union is (see ACCEPTANCE_COUNTINGS). */
  readonly arbitrationAcceptanceCounting: AcceptanceCounting;
}

export const DEFAULT_CLOCK_RULES: ClockRules = {
  calendar: DEFAULT_HOLIDAY_CALENDAR,
  completionTargets: DEFAULT_COMPLETION_TARGET_WORKING_DAYS,
  arbitrationAcceptanceCounting: 'working_days',
};

/** A claim with no recorded work for this long returns to the pool. */
export const CLAIM_IDLE_LIMIT_MS = 48 * 60 * 60 * 1000;

/** A China-local date as the instant its day begins, for clocks counted from a date. */
export function startOfChinaDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The clocks of a new case that is still open: the first-response tier and the union's completion target. */
export function registrationDeadlines(
  caseRecord: Pick<CaseRecord, 'priority' | 'category' | 'receivedAt' | 'registeredAt'>,
  rules: ClockRules,
): Deadline[] {
  const targetDays = rules.completionTargets[caseRecord.category];
  return [
    {
      clock: 'first_response',
      startedAt: caseRecord.receivedAt,
      dueAt: firstResponseDue(caseRecord.receivedAt, caseRecord.priority),
      basis: `12351 ${caseRecord.priority} tier`,
    },
    checkedAgainstCalendar(
      {
        clock: 'completion_target',
        startedAt: caseRecord.registeredAt,
        dueAt: workingDayTargetDue(caseRecord.registeredAt, targetDays, rules.calendar),
        basis: `union completion target: ${targetDays} working days`,
      },
      rules.calendar,
    ),
  ];
}

/** Staff acted on the case at `at`: the first response is given. */
export function afterStaffAction(caseRecord: CaseRecord, at: Date): CaseRecord {
  const instant = at.toISOString();
  return {
    ...caseRecord,
    deadlines: meetClocks(caseRecord.deadlines ?? [], ['first_response'], instant),
    lastActivityAt: instant,
  };
}

/** The owner recorded work: a claim that is worked is no longer at risk of going stale. */
export function afterWork(caseRecord: CaseRecord, at: Date): CaseRecord {
  const acted = afterStaffAction(caseRecord, at);
  return { ...acted, deadlines: meetClocks(acted.deadlines ?? [], ['claim_idle'], at.toISOString()) };
}

/**
 * The 15 days of mediation (Art. 14) run from the union's receipt of the
 * application, i.e. its registration of the case, not from the day a mediator
 * took it: days the case waited in the pool count. When the two days differ,
 * the basis names both, so staff see why the period is shorter than 15 days.
 */
export function mediationDeadline(registeredAt: string, takenAt: string, rules: ClockRules): Deadline {
  const receivedOn = chinaDate(new Date(registeredAt));
  const takenOn = chinaDate(new Date(takenAt));
  const basis =
    receivedOn === takenOn
      ? `mediation concludes within 15 days of the union's receipt of the application on ${receivedOn} (Art. 14)`
      : `mediation concludes within 15 days of the union's receipt of the application on ${receivedOn} (Art. 14); a mediator took the case on ${takenOn}`;
  return checkedAgainstCalendar(
    {
      clock: 'mediation',
      startedAt: registeredAt,
      dueAt: statutoryPeriodDue(registeredAt, MEDIATION_DAYS, rules.calendar),
      basis,
    },
    rules.calendar,
  );
}

/**
 * Someone takes the case at `at`. A claim from a pool must be worked within
 * CLAIM_IDLE_LIMIT_MS or it returns to the pool; a mediator's receipt starts
 * the 15-day mediation period (Art. 14), once, counted from registration.
 */
export function afterTakenBy(
  caseRecord: CaseRecord,
  taken: { role: Role; fromPool: boolean; bySystem?: boolean },
  at: Date,
  rules: ClockRules,
): CaseRecord {
  const startedAt = at.toISOString();
  // An automatic assignment is not a response to the worker: their clock keeps running until the lawyer acts.
  let deadlines = taken.bySystem ? [...(caseRecord.deadlines ?? [])] : (afterStaffAction(caseRecord, at).deadlines ?? []);
  if (taken.fromPool) {
    deadlines = startClock(deadlines, {
      clock: 'claim_idle',
      startedAt,
      dueAt: new Date(at.getTime() + CLAIM_IDLE_LIMIT_MS).toISOString(),
      basis: 'a claim with no recorded work for 48 hours returns to the pool',
    });
  }
  if (taken.role === 'mediator' && !deadlines.some((deadline) => deadline.clock === 'mediation')) {
    deadlines = startClock(deadlines, mediationDeadline(caseRecord.registeredAt, startedAt, rules));
  }
  return { ...caseRecord, deadlines, ...(taken.bySystem ? {} : { lastActivityAt: startedAt }) };
}

/** Nobody works the case any more: the idle clock no longer applies. */
export function afterOwnerLeaves(caseRecord: CaseRecord): CaseRecord {
  return { ...caseRecord, deadlines: stopClock(caseRecord.deadlines ?? [], 'claim_idle') };
}

const ACCEPTANCE_SOURCE =
  'working days as the Labour-Personnel Dispute Arbitration Procedure Rules (MOHRSS Order No. 33, 2017) count them';

function acceptanceDue(startedAt: string, counting: AcceptanceCounting, calendar: HolidayCalendar): string {
  return counting === 'calendar_days'
    ? statutoryPeriodDue(startedAt, ARBITRATION_ACCEPTANCE_DAYS, calendar)
    : workingDayTargetDue(startedAt, ARBITRATION_ACCEPTANCE_DAYS, calendar);
}

export function arbitrationAcceptanceDeadline(filedOn: string, rules: ClockRules): Deadline {
  const startedAt = startOfChinaDay(filedOn);
  const counting = rules.arbitrationAcceptanceCounting;
  return checkedAgainstCalendar(
    {
      clock: 'arbitration_acceptance',
      startedAt,
      dueAt: acceptanceDue(startedAt, counting, rules.calendar),
      basis:
        counting === 'calendar_days'
          ? 'the commission decides on acceptance within 5 calendar days (Art. 29, as the province reads it; a last day on a rest day runs to the next working day)'
          : `the commission decides on acceptance within 5 working days (Art. 29, in ${ACCEPTANCE_SOURCE})`,
    },
    rules.calendar,
  );
}

export function arbitrationAwardDeadline(acceptedOn: string, extended: boolean, rules: ClockRules): Deadline {
  const startedAt = startOfChinaDay(acceptedOn);
  const days = ARBITRATION_AWARD_DAYS + (extended ? ARBITRATION_EXTENSION_DAYS : 0);
  return checkedAgainstCalendar(
    {
      clock: 'arbitration_award',
      startedAt,
      dueAt: statutoryPeriodDue(startedAt, days, rules.calendar),
      basis: extended ? 'award within 45 days, extended by 15 (Art. 43)' : 'award within 45 days of acceptance (Art. 43)',
    },
    rules.calendar,
  );
}

/** The day a work-injury case counts Art. 17's periods from: the accident, or the diagnosis of an occupational disease. */
export interface InjuryDates {
  readonly accidentOn?: string;
  readonly diagnosedOn?: string;
}

/**
 * Work-injury recognition (Work Injury Insurance Regulations, Art. 17): the
 * employer's 30 days and, failing it, the worker's or union's year, both from
 * the accident or the diagnosis.
 */
export function injuryRecognitionDeadlines(injury: InjuryDates, rules: ClockRules): Deadline[] {
  const from = injury.accidentOn ?? injury.diagnosedOn;
  if (from === undefined) return [];
  const what =
    injury.accidentOn !== undefined ? `the accident on ${from}` : `the diagnosis of the occupational disease on ${from}`;
  const startedAt = startOfChinaDay(from);
  const regulations = 'Work Injury Insurance Regulations, Art. 17';
  const deadlines: Deadline[] = [
    {
      clock: 'injury_recognition_employer',
      startedAt,
      dueAt: statutoryPeriodDue(startedAt, INJURY_RECOGNITION_EMPLOYER_DAYS, rules.calendar),
      basis: `the employer applies for work-injury recognition within 30 days of ${what} (${regulations} ¶1)`,
    },
    {
      clock: 'injury_recognition_worker',
      startedAt,
      dueAt: statutoryYearsDue(from, INJURY_RECOGNITION_WORKER_YEARS, rules.calendar),
      basis: `if the employer does not, the worker, their close relatives or the union apply within 1 year of ${what} (${regulations} ¶2; a last day on a rest day runs to the next working day, Civil Code Art. 203)`,
    },
  ];
  return deadlines.map((deadline) => checkedAgainstCalendar(deadline, rules.calendar));
}

/**
 * The periods an award's service starts: a party may sue within 15 days (the
 * worker against a final award, Art. 48; either party against any other
 * award, Art. 50); the employer may apply to the intermediate court to set a
 * final award aside within 30 days (Art. 49).
 */
export function awardChallengeDeadlines(servedOn: string, finalAward: boolean, rules: ClockRules): Deadline[] {
  const startedAt = startOfChinaDay(servedOn);
  const deadlines: Deadline[] = [
    {
      clock: 'award_lawsuit',
      startedAt,
      dueAt: statutoryPeriodDue(startedAt, AWARD_LAWSUIT_DAYS, rules.calendar),
      basis: finalAward
        ? `the worker may sue against the final award within 15 days of its service on ${servedOn} (Art. 48)`
        : `either party may sue within 15 days of the award's service on ${servedOn}, or it takes effect (Art. 50)`,
    },
  ];
  if (finalAward) {
    deadlines.push({
      clock: 'award_set_aside',
      startedAt,
      dueAt: statutoryPeriodDue(startedAt, AWARD_SET_ASIDE_DAYS, rules.calendar),
      basis: `the employer may apply to the intermediate court to set the final award aside within 30 days of its service on ${servedOn} (Art. 49)`,
    });
  }
  return deadlines.map((deadline) => checkedAgainstCalendar(deadline, rules.calendar));
}

/** A period a party can lose, as a warning for the timeline (like the limitation warning at intake). */
export interface PeriodWarning {
  readonly clock: ClockName;
  readonly status: 'runs_soon' | 'may_have_run';
  /** The period's last day (China-local date). */
  readonly runsOn: string;
  readonly basis: string;
}

/**
 * Warnings for periods just started from a recorded date: one that has run
 * already (a worker often comes to the union after the employer's 30 days),
 * or a long one (over twice LIMITATION_RUNS_SOON_DAYS) with LIMITATION_RUNS_SOON_DAYS
 * or fewer left. A period that is short by nature (15 or 30 days) is not "soon" on that account alone: its
 * clock is on the case, and the sweeper escalates it when it runs out.
 */
export function periodWarnings(deadlines: readonly Deadline[], now: Date): PeriodWarning[] {
  const today = chinaDate(now);
  return deadlines.flatMap((deadline): PeriodWarning[] => {
    const runsOn = chinaDate(new Date(Date.parse(deadline.dueAt) - 1));
    const daysLeft = daysBetween(today, runsOn);
    const periodDays = daysBetween(chinaDate(new Date(deadline.startedAt)), runsOn);
    if (daysLeft < 0) return [{ clock: deadline.clock, status: 'may_have_run', runsOn, basis: deadline.basis }];
    // A 30-day period stretched past a holiday is still short: only the long ones (a year) get a "runs soon".
    if (daysLeft <= LIMITATION_RUNS_SOON_DAYS && periodDays > 2 * LIMITATION_RUNS_SOON_DAYS) {
      return [{ clock: deadline.clock, status: 'runs_soon', runsOn, basis: deadline.basis }];
    }
    return [];
  });
}

/** A new completion target, counted from now (a reopened case). */
export function restartCompletionTarget(caseRecord: CaseRecord, at: Date, rules: ClockRules): Deadline[] {
  const startedAt = at.toISOString();
  const targetDays = rules.completionTargets[caseRecord.category];
  return startClock(
    caseRecord.deadlines ?? [],
    checkedAgainstCalendar(
      {
        clock: 'completion_target',
        startedAt,
        dueAt: workingDayTargetDue(startedAt, targetDays, rules.calendar),
        basis: `union completion target: ${targetDays} working days (reopened)`,
      },
      rules.calendar,
    ),
  );
}

/** Closing a case meets every clock still running; one met after its due time was still late. */
export function meetAll(deadlines: readonly Deadline[] = [], at: string): Deadline[] {
  const remaining = stopClock(deadlines, 'claim_idle');
  const unmet: ClockName[] = remaining.filter((deadline) => deadline.metAt === undefined).map((deadline) => deadline.clock);
  return meetClocks(remaining, unmet, at);
}

/**
 * A day-counted clock whose period runs past the loaded calendar was counted
 * on a plain Monday–Friday week there; it says so, and loses the flag when it
 * is recomputed with the next year loaded.
 */
function checkedAgainstCalendar(deadline: Deadline, calendar: HolidayCalendar): Deadline {
  const last = calendarLastDay(calendar);
  // A period ends at 24:00 of its last day, the next day's first instant: that day is the one before it.
  const lastDay = chinaDate(new Date(Date.parse(deadline.dueAt) - 1));
  const beyond = last === undefined || lastDay > last;
  const { beyondCalendar: _previous, ...rest } = deadline;
  return beyond ? { ...rest, beyondCalendar: true } : rest;
}

/** How to count each day-based clock again from its start (first_response and claim_idle count hours, not days). */
function recount(deadline: Deadline, caseRecord: CaseRecord, rules: ClockRules): string | undefined {
  switch (deadline.clock) {
    case 'mediation':
      return statutoryPeriodDue(deadline.startedAt, MEDIATION_DAYS, rules.calendar);
    case 'arbitration_acceptance':
      // The counting in force when the clock started (its basis names it), not today's.
      return acceptanceDue(
        deadline.startedAt,
        deadline.basis.includes('calendar days') ? 'calendar_days' : 'working_days',
        rules.calendar,
      );
    case 'injury_recognition_employer':
      return statutoryPeriodDue(deadline.startedAt, INJURY_RECOGNITION_EMPLOYER_DAYS, rules.calendar);
    case 'injury_recognition_worker':
      return statutoryYearsDue(chinaDate(new Date(deadline.startedAt)), INJURY_RECOGNITION_WORKER_YEARS, rules.calendar);
    case 'award_lawsuit':
      return statutoryPeriodDue(deadline.startedAt, AWARD_LAWSUIT_DAYS, rules.calendar);
    case 'award_set_aside':
      return statutoryPeriodDue(deadline.startedAt, AWARD_SET_ASIDE_DAYS, rules.calendar);
    case 'arbitration_award': {
      const extended = deadline.basis.includes('extended');
      return statutoryPeriodDue(
        deadline.startedAt,
        ARBITRATION_AWARD_DAYS + (extended ? ARBITRATION_EXTENSION_DAYS : 0),
        rules.calendar,
      );
    }
    case 'completion_target': {
      // The target in force when the clock started (its basis names it), not today's.
      const days = Number(/(\d+) working days/.exec(deadline.basis)?.[1] ?? rules.completionTargets[caseRecord.category]);
      return workingDayTargetDue(deadline.startedAt, days, rules.calendar);
    }
    default:
      return undefined;
  }
}

/**
 * After a year of holidays is loaded: every running day-based clock counted
 * again from its start with the calendar now in force. Undefined when no due
 * time moves and no flag changes (so running it twice changes nothing). The
 * timeline keeps the old and new due times.
 */
export function recomputeDayClocks(caseRecord: CaseRecord, rules: ClockRules, moment: Moment): Transition | undefined {
  const changes: { clock: ClockName; from: string; to: string }[] = [];
  const deadlines = (caseRecord.deadlines ?? []).map((deadline) => {
    if (!isRunning(deadline)) return deadline;
    const dueAt = recount(deadline, caseRecord, rules);
    if (dueAt === undefined) return deadline;
    const recounted = checkedAgainstCalendar({ ...deadline, dueAt }, rules.calendar);
    if (recounted.dueAt !== deadline.dueAt) changes.push({ clock: deadline.clock, from: deadline.dueAt, to: recounted.dueAt });
    return recounted;
  });
  const flagsChanged = deadlines.some(
    (deadline, index) => deadline.beyondCalendar !== caseRecord.deadlines?.[index]?.beyondCalendar,
  );
  if (changes.length === 0 && !flagsChanged) return undefined;
  return {
    next: { ...caseRecord, deadlines, version: caseRecord.version + 1 },
    events: [
      event(
        caseRecord,
        'clocks_recomputed',
        { kind: 'system' },
        { calendarYears: calendarYears(rules.calendar), changes },
        moment,
      ),
    ],
  };
}
