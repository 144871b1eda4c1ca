import type { CaseRecord } from './cases.js';
import {
  ARBITRATION_ACCEPTANCE_DAYS,
  ARBITRATION_AWARD_DAYS,
  ARBITRATION_EXTENSION_DAYS,
  DEFAULT_COMPLETION_TARGET_WORKING_DAYS,
  MEDIATION_DAYS,
  firstResponseDue,
  statutoryPeriodDue,
  workingDayTargetDue,
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
}

export const DEFAULT_CLOCK_RULES: ClockRules = {
  calendar: DEFAULT_HOLIDAY_CALENDAR,
  completionTargets: DEFAULT_COMPLETION_TARGET_WORKING_DAYS,
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
 * Someone takes the case at `at`. A claim from a pool must be worked within
 * CLAIM_IDLE_LIMIT_MS or it returns to the pool; a mediator's receipt starts
 * the 15-day mediation period (Art. 14), once.
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
    deadlines = startClock(
      deadlines,
      checkedAgainstCalendar(
        {
          clock: 'mediation',
          startedAt,
          dueAt: statutoryPeriodDue(startedAt, MEDIATION_DAYS, rules.calendar),
          basis: 'mediation concludes within 15 days of receipt (Art. 14)',
        },
        rules.calendar,
      ),
    );
  }
  return { ...caseRecord, deadlines, ...(taken.bySystem ? {} : { lastActivityAt: startedAt }) };
}

/** Nobody works the case any more: the idle clock no longer applies. */
export function afterOwnerLeaves(caseRecord: CaseRecord): CaseRecord {
  return { ...caseRecord, deadlines: stopClock(caseRecord.deadlines ?? [], 'claim_idle') };
}

export function arbitrationAcceptanceDeadline(filedOn: string, rules: ClockRules): Deadline {
  const startedAt = startOfChinaDay(filedOn);
  return checkedAgainstCalendar(
    {
      clock: 'arbitration_acceptance',
      startedAt,
      // The arbitration rules count their 3-, 5- and 10-day periods in working days.
      dueAt: workingDayTargetDue(startedAt, ARBITRATION_ACCEPTANCE_DAYS, rules.calendar),
      basis: 'the commission decides on acceptance within 5 working days (Art. 29)',
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
      return workingDayTargetDue(deadline.startedAt, ARBITRATION_ACCEPTANCE_DAYS, rules.calendar);
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
