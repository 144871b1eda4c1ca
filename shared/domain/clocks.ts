import { chinaDate } from './china-time.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import { FIRST_RESPONSE_MS, type Priority } from './triage.js';
import type { Category } from './vocabulary.js';

/**
 * Statutory clocks for labour disputes in mainland China: mediation and
 * arbitration periods, union completion targets and the limitation period.
 * Pure: every function takes the instants and the holiday calendar it needs
 * and never reads the system clock or the server's time zone. Dates are
 * China-local calendar days written `YYYY-MM-DD`; instants are ISO strings.
 */

/**
 * Mediation: if no agreement is reached within 15 days of the mediation
 * organisation receiving the application, a party may apply for arbitration
 * (Labour Dispute Mediation and Arbitration Law, Art. 14).
 */
export const MEDIATION_DAYS = 15;

/**
 * The arbitration commission must decide whether to accept an application
 * within 5 days of receiving it; silence lets the applicant go to court (Art. 29).
 */
export const ARBITRATION_ACCEPTANCE_DAYS = 5;

/**
 * How the five days of Art. 29 are counted. The Law does not say; the
 * Labour-Personnel Dispute Arbitration Procedure Rules (劳动人事争议仲裁办案规则,
 * MOHRSS Order No. 33, 2017) count their three-, five- and ten-day periods as
 * working days, which is the default here. A province whose commissions read
 * the five days as calendar days configures `calendar_days` for its unions.
 */
export const ACCEPTANCE_COUNTINGS = ['working_days', 'calendar_days'] as const;
export type AcceptanceCounting = (typeof ACCEPTANCE_COUNTINGS)[number];

/** The tribunal must conclude within 45 days of the commission accepting the case (Art. 43). */
export const ARBITRATION_AWARD_DAYS = 45;

/** A complex case may be extended, with the chair's approval, by at most 15 days (Art. 43). */
export const ARBITRATION_EXTENSION_DAYS = 15;

/**
 * Work-injury recognition (Work Injury Insurance Regulations, Art. 17): the
 * employer applies within 30 days of the accident or of the diagnosis of an
 * occupational disease; if it does not, the worker, their close relatives or
 * the union may apply within one year of the same day.
 */
export const INJURY_RECOGNITION_EMPLOYER_DAYS = 30;
export const INJURY_RECOGNITION_WORKER_YEARS = 1;

/**
 * After an award is served: a party may sue within 15 days (Art. 48 for the
 * worker against a final award, Art. 50 for either party against any other
 * award); the employer may apply to set a final award aside within 30 days (Art. 49).
 */
export const AWARD_LAWSUIT_DAYS = 15;
export const AWARD_SET_ASIDE_DAYS = 30;

/** The limitation period for applying for arbitration is one year (Art. 27). */
export const LIMITATION_YEARS = 1;

/**
 * How close to the end of the limitation period a case is flagged, so staff
 * have time to help the worker file for arbitration (union practice, not statute).
 */
export const LIMITATION_RUNS_SOON_DAYS = 30;

/**
 * Union completion targets (限时办结), in working days from registration. These
 * are union service commitments, not statute: pay and women workers' cases are
 * pressing, injury and occupational-disease cases wait on medical and
 * administrative findings. Unions may configure their own.
 */
export const DEFAULT_COMPLETION_TARGET_WORKING_DAYS: Record<Category, number> = {
  wage_arrears: 10,
  work_injury: 30,
  occupational_disease: 30,
  social_insurance: 20,
  labour_contract: 20,
  labour_relationship: 20,
  working_hours_leave: 20,
  compensation: 20,
  women_workers_rights: 10,
  labour_dispatch: 20,
  other: 20,
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** 24:00 in China (UTC+8) is 16:00 UTC of the same date. */
const CHINA_DAY_END_UTC_MS = 16 * 60 * 60 * 1000;
/** A guard against a calendar with no working days: no real arrangement is off for a year. */
const MAX_DAYS_WITHOUT_WORK = 366;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a `YYYY-MM-DD` date, as milliseconds; rejects malformed or impossible dates. */
function parseDate(date: string): number {
  const ms = DATE_PATTERN.test(date) ? Date.parse(`${date}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(ms) || formatDate(ms) !== date) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return ms;
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseInstant(instant: string): Date {
  const parsed = new Date(instant);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`Not an ISO instant: ${instant}`);
  return parsed;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}: ${value}`);
}

/** A UTC date from year, month index (any integer) and day, safe for years 0–99 (unlike Date.UTC). */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const result = new Date(0);
  result.setUTCFullYear(year, monthIndex, day);
  return result;
}

interface CalendarSets {
  readonly holidays: ReadonlySet<string>;
  readonly adjustedWorkdays: ReadonlySet<string>;
}

const calendarSets = new WeakMap<HolidayCalendar, CalendarSets>();

function setsOf(calendar: HolidayCalendar): CalendarSets {
  let sets = calendarSets.get(calendar);
  if (!sets) {
    sets = { holidays: new Set(calendar.holidays), adjustedWorkdays: new Set(calendar.adjustedWorkdays) };
    calendarSets.set(calendar, sets);
  }
  return sets;
}

/**
 * Whether offices are open: Monday to Friday unless a public holiday, and a
 * Saturday or Sunday only when the State Council has made it a working day (调休).
 */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  const weekday = new Date(parseDate(date)).getUTCDay();
  const sets = setsOf(calendar);
  if (sets.holidays.has(date)) return false;
  if (weekday === 0 || weekday === 6) return sets.adjustedWorkdays.has(date);
  return true;
}

/** Calendar days after (or, if negative, before) a date: statutory periods count in calendar days. */
export function addDays(date: string, days: number): string {
  requireInteger('days', days, Number.MIN_SAFE_INTEGER);
  return formatDate(parseDate(date) + days * DAY_MS);
}

/**
 * Calendar months after a date. With no corresponding day the period ends on
 * the month's last day (Civil Code, Art. 202), so Jan 31 + 1 month is Feb 28 (or 29).
 */
export function addMonths(date: string, months: number): string {
  requireInteger('months', months, Number.MIN_SAFE_INTEGER);
  const start = new Date(parseDate(date));
  const monthIndex = start.getUTCFullYear() * 12 + start.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = utcDate(year, month + 1, 0).getUTCDate();
  return formatDate(utcDate(year, month, Math.min(start.getUTCDate(), lastDay)).getTime());
}

/** Calendar years after a date; Feb 29 + 1 year is Feb 28, as with months. */
export function addYears(date: string, years: number): string {
  requireInteger('years', years, Number.MIN_SAFE_INTEGER);
  return addMonths(date, years * 12);
}

/** The date itself if offices are open, else the first working day after it. */
export function nextWorkingDayOnOrAfter(date: string, calendar: HolidayCalendar): string {
  let day = date;
  for (let skipped = 0; !isWorkingDay(day, calendar); skipped++) {
    if (skipped >= MAX_DAYS_WITHOUT_WORK) throw new RangeError(`No working day within a year of ${date}`);
    day = addDays(day, 1);
  }
  return day;
}

/**
 * The n-th working day after a date (the date itself not counted, n ≥ 1):
 * union completion targets are promised in working days, so holidays and
 * weekends do not eat into them, while 调休 weekend workdays do count.
 */
export function addWorkingDays(date: string, workingDays: number, calendar: HolidayCalendar): string {
  requireInteger('workingDays', workingDays, 1);
  let day = date;
  for (let counted = 0; counted < workingDays; counted++) {
    day = nextWorkingDayOnOrAfter(addDays(day, 1), calendar);
  }
  return day;
}

/**
 * The instant a China-local day ends (24:00 +08:00, i.e. 16:00 UTC that date):
 * the last day of a period runs to midnight in China (Civil Code, Art. 203),
 * whatever the server's time zone.
 */
export function endOfChinaDay(date: string): string {
  return new Date(parseDate(date) + CHINA_DAY_END_UTC_MS).toISOString();
}

/**
 * When a period of calendar days from an instant runs out, counted as Chinese
 * procedure counts: the day it starts is not counted, so it ends at the end of
 * the China-local day `start + days`; and a period whose last day is a holiday
 * ends on the first day after the holiday (Labour and Personnel Dispute
 * Arbitration Rules, following the Civil Procedure Law and Civil Code, Art. 203),
 * taken here as the next working day.
 * Used for the mediation, acceptance and award periods above.
 */
export function statutoryPeriodDue(start: string, days: number, calendar: HolidayCalendar): string {
  requireInteger('days', days, 1);
  const lastDay = addDays(chinaDate(parseInstant(start)), days);
  return endOfChinaDay(nextWorkingDayOnOrAfter(lastDay, calendar));
}

/**
 * When a period of years from a China-local date runs out: the same date that
 * many years on (Feb 29 → Feb 28), or the next working day if that is a rest
 * day (Civil Code, Art. 203), to 24:00 in China. The limitation period and
 * the worker's year for work-injury recognition count this way.
 */
export function statutoryYearsDue(fromDate: string, years: number, calendar: HolidayCalendar): string {
  requireInteger('years', years, 1);
  return endOfChinaDay(nextWorkingDayOnOrAfter(addYears(fromDate, years), calendar));
}

/** Whole China-local days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to) - parseDate(from)) / DAY_MS);
}

/** When a union completion target runs out: the end of the n-th China working day after the start's China date. */
export function workingDayTargetDue(start: string, workingDays: number, calendar: HolidayCalendar): string {
  return endOfChinaDay(addWorkingDays(chinaDate(parseInstant(start)), workingDays, calendar));
}

/**
 * When a first response is due: the 12351 hotline answers around the clock, so
 * this is clock time from receipt, not working time.
 */
export function firstResponseDue(receivedAt: string, priority: Priority): string {
  return new Date(parseInstant(receivedAt).getTime() + FIRST_RESPONSE_MS[priority]).toISOString();
}

export interface LimitationCheck {
  /** not_running: wage arrears during employment (Art. 27 ¶4); unknown: no date to count from. */
  readonly status: 'not_running' | 'running' | 'runs_soon' | 'may_have_run' | 'unknown';
  /** Last day of the period (China-local date), when known. */
  readonly runsOn?: string;
  /** Plain-English explanation for the timeline. */
  readonly basis: string;
}

export interface LimitationInput {
  readonly category: Category;
  /** When the worker knew or should have known of the infringement (China-local date). */
  readonly occurredOn?: string;
  /** When the employment ended (China-local date). */
  readonly employmentEndedOn?: string;
  /** When the union received the case (ISO instant). */
  readonly receivedAt: string;
  /** Rest days: a period whose last day is one runs to the next working day. */
  readonly calendar: HolidayCalendar;
}

/**
 * Where the one-year limitation period for arbitration stands when a case
 * arrives (Art. 27). It runs from when the worker knew or should have known of
 * the infringement; but a claim for wages owed during the employment is not
 * limited while the employment lasts, and then runs for a year from its end
 * (Art. 27 ¶4). A year whose last day is a rest day (a weekend or a public
 * holiday) runs to the end of the next working day, as the Civil Code counts
 * periods (Art. 203). A period that seems to have run is only a warning: it can
 * have been interrupted or suspended (Art. 27 ¶2–3), which the dates here cannot show.
 */
export function limitationCheck(input: LimitationInput): LimitationCheck {
  const law = 'Labour Dispute Mediation and Arbitration Law';
  let from: string | undefined;
  let fromWhat: string;
  if (input.category === 'wage_arrears') {
    if (input.employmentEndedOn === undefined) {
      return {
        status: 'not_running',
        basis: `Wages owed during employment: the limitation period does not run while the employment lasts; it runs for one year from the day the employment ends (${law}, Art. 27 ¶4).`,
      };
    }
    from = input.employmentEndedOn;
    fromWhat = 'the employment ended (Art. 27 ¶4)';
  } else {
    from = input.occurredOn;
    fromWhat = 'the worker knew of the infringement (Art. 27 ¶1)';
  }
  if (from === undefined) {
    return {
      status: 'unknown',
      basis: `No date to count the one-year limitation period from: record when the worker knew or should have known of the infringement (${law}, Art. 27).`,
    };
  }

  const yearEnds = addYears(from, LIMITATION_YEARS);
  const runsOn = nextWorkingDayOnOrAfter(yearEnds, input.calendar);
  const today = chinaDate(parseInstant(input.receivedAt));
  const daysLeft = Math.round((parseDate(runsOn) - parseDate(today)) / DAY_MS);
  const period =
    runsOn === yearEnds
      ? `The one-year limitation period from ${from}, when ${fromWhat}, runs on ${runsOn}`
      : `The one-year limitation period from ${from}, when ${fromWhat}, runs on ${runsOn} (the year ends on ${yearEnds}, a rest day, so the period runs to the next working day: Civil Code, Art. 203)`;
  if (daysLeft < 0) {
    return {
      runsOn,
      status: 'may_have_run',
      basis: `${period}, before the case was received on ${today}. It may still be open if it was interrupted or suspended (${law}, Art. 27 ¶2–3): check before advising.`,
    };
  }
  if (daysLeft <= LIMITATION_RUNS_SOON_DAYS) {
    return {
      runsOn,
      status: 'runs_soon',
      basis: `${period}, ${daysLeft} days after the case was received on ${today}: apply for arbitration promptly (${law}, Art. 27).`,
    };
  }
  return { runsOn, status: 'running', basis: `${period} (${law}, Art. 27).` };
}
