import { chinaDate } from '../domain/china-time.js';
import { escalate } from '../domain/escalation.js';
import { CALENDAR_WARNING_DAYS, calendarLastDay, daysOfCalendarLeft } from '../domain/holiday-calendar.js';
import { logger } from '../observability/logger.js';
import { TransitionConflict } from '../domain/conflicts.js';
import type { Dependencies } from './dependencies.js';

export interface SweepReport {
  /** Cases the due-time index returned. */
  readonly due: number;
  /** Cases this sweep escalated (each once: the next sweep finds their clocks stamped). */
  readonly escalated: number;
  /** Claims nobody worked, returned to their pool. */
  readonly staleClaimsReturned: number;
  /** Cases someone else (another sweep, a lawyer) changed first; the next sweep looks again. */
  readonly skipped: number;
  /** Cases whose escalation failed (logged by case id); the next sweep tries again. */
  readonly failed: number;
}

/** Cases one sweep handles per province at most, so one run stays short; the rest wait for the next run. */
export const SWEEP_LIMIT_PER_PROVINCE = 500;
const PAGE_SIZE = 25;

/**
 * The scheduled sweep: for each province, the cases whose next clock is due
 * (from the due-time index), each escalated under its version. Running two
 * sweeps at once, or one twice, escalates every missed clock exactly once:
 * the version check lets one writer win, and a won escalation stamps the
 * clocks so they are no longer due.
 */
export async function sweep(deps: Dependencies): Promise<SweepReport> {
  const directory = await deps.unions.directory();
  const now = deps.now();
  const moment = { now, newEventId: deps.newId };
  warnIfCalendarRunsOut(directory.calendar, now);
  const report = { due: 0, escalated: 0, staleClaimsReturned: 0, skipped: 0, failed: 0 };
  const provinces = directory.all().filter((union) => union.parentCode === null);
  for (const province of provinces) {
    const dueBefore = report.due;
    let after: Record<string, unknown> | undefined;
    do {
      const page = await deps.cases.dueCases(province.code, now.toISOString(), PAGE_SIZE, after);
      after = page.next;
      report.due += page.caseIds.length;
      // One case's failure (throttling, a counter out of step) must not stop the sweep of the others.
      const outcomes = await Promise.allSettled(
        page.caseIds.map(async (caseId) => {
          const caseRecord = await deps.cases.get(caseId);
          const transition = caseRecord && escalate(caseRecord, moment);
          if (!caseRecord || !transition) {
            report.skipped++;
            return;
          }
          const others = transition.releasedOwner
            ? [{ giveUp: { provinceCode: province.code, staffId: transition.releasedOwner } }]
            : [];
          try {
            await deps.cases.saveTransition(caseRecord, transition, others);
            report.escalated++;
            if (transition.releasedOwner) report.staleClaimsReturned++;
          } catch (error) {
            if (!(error instanceof TransitionConflict && error.onCase)) throw error;
            report.skipped++;
          }
        }),
      );
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') return;
        report.failed++;
        logger.error('sweep of a case failed; the next sweep tries again', {
          caseId: page.caseIds[index],
          error: outcome.reason instanceof Error ? outcome.reason.name : 'unknown',
        });
      });
    } while (after && report.due - dueBefore < SWEEP_LIMIT_PER_PROVINCE);
  }
  return report;
}

let warnedOn: string | undefined;

/**
 * Once a day per container while the holiday calendar has under
 * CALENDAR_WARNING_DAYS left: clocks running past its end are counted on a
 * plain Monday–Friday week until the next year is loaded (npm run provision).
 */
function warnIfCalendarRunsOut(calendar: Parameters<typeof daysOfCalendarLeft>[0], now: Date): void {
  const today = chinaDate(now);
  const daysLeft = daysOfCalendarLeft(calendar, today);
  if (daysLeft > CALENDAR_WARNING_DAYS || warnedOn === today) return;
  warnedOn = today;
  logger.warn('holiday calendar runs out: load the next year', { lastDay: calendarLastDay(calendar), daysLeft });
}
