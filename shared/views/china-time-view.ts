import { chinaDate, chinaLocalIso } from '../domain/china-time.js';
import { CLOCKS_COUNTED_IN_DAYS, type Deadline } from '../domain/deadlines.js';

/**
 * Instants as people read them: the store and the domain keep UTC, responses
 * write China time (`2026-12-01T10:30:00.000+08:00`), the same instant, so a
 * client that parses dates reads the same moment and one that shows the text
 * shows the time beside the China-date case number.
 */
export function inChinaTime(instant: string): string {
  return chinaLocalIso(new Date(instant));
}

/** A clock's times in China time, and for a clock the law counts in days, its last day (`dueOn`). */
export function deadlineTimes(deadline: Deadline) {
  return {
    startedAt: inChinaTime(deadline.startedAt),
    dueAt: inChinaTime(deadline.dueAt),
    // A day-counted period runs to 24:00 of its last day, stored as the next day's first instant.
    ...(CLOCKS_COUNTED_IN_DAYS.has(deadline.clock) ? { dueOn: chinaDate(new Date(Date.parse(deadline.dueAt) - 1)) } : {}),
    ...(deadline.metAt ? { metAt: inChinaTime(deadline.metAt) } : {}),
    ...(deadline.escalatedAt ? { escalatedAt: inChinaTime(deadline.escalatedAt) } : {}),
  };
}
