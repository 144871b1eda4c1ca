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
import { meetClocks, startClock, stopClock, type ClockName, type Deadline } from './deadlines.js';
import { DEFAULT_HOLIDAY_CALENDAR, type HolidayCalendar } from './holiday-calendar.js';
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
    {
      clock: 'completion_target',
      startedAt: caseRecord.registeredAt,
      dueAt: workingDayTargetDue(caseRecord.registeredAt, targetDays, rules.calendar),
      basis: `union completion target: ${targetDays} working days`,
    },
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
    deadlines = startClock(deadlines, {
      clock: 'mediation',
      startedAt,
      dueAt: statutoryPeriodDue(startedAt, MEDIATION_DAYS, rules.calendar),
      basis: 'mediation concludes within 15 days of receipt (Art. 14)',
    });
  }
  return { ...caseRecord, deadlines, ...(taken.bySystem ? {} : { lastActivityAt: startedAt }) };
}

/** Nobody works the case any more: the idle clock no longer applies. */
export function afterOwnerLeaves(caseRecord: CaseRecord): CaseRecord {
  return { ...caseRecord, deadlines: stopClock(caseRecord.deadlines ?? [], 'claim_idle') };
}

export function arbitrationAcceptanceDeadline(filedOn: string, rules: ClockRules): Deadline {
  const startedAt = startOfChinaDay(filedOn);
  return {
    clock: 'arbitration_acceptance',
    startedAt,
    // The arbitration rules count their 3-, 5- and 10-day periods in working days.
    dueAt: workingDayTargetDue(startedAt, ARBITRATION_ACCEPTANCE_DAYS, rules.calendar),
    basis: 'the commission decides on acceptance within 5 working days (Art. 29)',
  };
}

export function arbitrationAwardDeadline(acceptedOn: string, extended: boolean, rules: ClockRules): Deadline {
  const startedAt = startOfChinaDay(acceptedOn);
  const days = ARBITRATION_AWARD_DAYS + (extended ? ARBITRATION_EXTENSION_DAYS : 0);
  return {
    clock: 'arbitration_award',
    startedAt,
    dueAt: statutoryPeriodDue(startedAt, days, rules.calendar),
    basis: extended ? 'award within 45 days, extended by 15 (Art. 43)' : 'award within 45 days of acceptance (Art. 43)',
  };
}

/** A new completion target, counted from now (a reopened case). */
export function restartCompletionTarget(caseRecord: CaseRecord, at: Date, rules: ClockRules): Deadline[] {
  const startedAt = at.toISOString();
  const targetDays = rules.completionTargets[caseRecord.category];
  return startClock(caseRecord.deadlines ?? [], {
    clock: 'completion_target',
    startedAt,
    dueAt: workingDayTargetDue(startedAt, targetDays, rules.calendar),
    basis: `union completion target: ${targetDays} working days (reopened)`,
  });
}

/** Closing a case meets every clock still running; one met after its due time was still late. */
export function meetAll(deadlines: readonly Deadline[] = [], at: string): Deadline[] {
  const remaining = stopClock(deadlines, 'claim_idle');
  const unmet: ClockName[] = remaining.filter((deadline) => deadline.metAt === undefined).map((deadline) => deadline.clock);
  return meetClocks(remaining, unmet, at);
}
