/**
 * Mainland China public holidays and the weekend days made working days (调休), by date (YYYY-MM-DD).
 *
 * Statutory periods that end on a holiday roll forward, and union completion
 * targets (限时办结) count working days, so the clocks need the year's actual
 * arrangement, not just Saturdays and Sundays. The State Council publishes it
 * each year, usually in November for the next year, so this is data: unions
 * configure it, and the deployed calendar can be replaced per year without a
 * code change. A date listed in neither array falls back to Monday–Friday.
 */
export interface HolidayCalendar {
  /** Days off, including weekend days that fall inside a holiday block. */
  readonly holidays: readonly string[];
  /** Saturdays and Sundays worked in exchange for a longer holiday (调休上班). */
  readonly adjustedWorkdays: readonly string[];
}

/**
 * 2025 and 2026, from the State Council General Office notices on the holiday
 * arrangements (国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
 * and the corresponding notice for 2026). Add the next year when its notice is
 * published; dates outside these years count as Monday–Friday only.
 */
export const DEFAULT_HOLIDAY_CALENDAR: HolidayCalendar = {
  holidays: [
    // 2025
    '2025-01-01', // New Year (元旦)
    '2025-01-28', // Spring Festival (春节), Jan 28 – Feb 4
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04', // Qingming (清明节), Apr 4–6
    '2025-04-05',
    '2025-04-06',
    '2025-05-01', // Labour Day (劳动节), May 1–5
    '2025-05-02',
    '2025-05-03',
    '2025-05-04',
    '2025-05-05',
    '2025-05-31', // Dragon Boat (端午节), May 31 – Jun 2
    '2025-06-01',
    '2025-06-02',
    '2025-10-01', // National Day and Mid-Autumn (国庆节、中秋节), Oct 1–8
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
    // 2026
    '2026-01-01', // New Year (元旦), Jan 1–3
    '2026-01-02',
    '2026-01-03',
    '2026-02-15', // Spring Festival (春节), Feb 15–23
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04', // Qingming (清明节), Apr 4–6
    '2026-04-05',
    '2026-04-06',
    '2026-05-01', // Labour Day (劳动节), May 1–5
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19', // Dragon Boat (端午节), Jun 19–21
    '2026-06-20',
    '2026-06-21',
    '2026-09-25', // Mid-Autumn (中秋节), Sep 25–27
    '2026-09-26',
    '2026-09-27',
    '2026-10-01', // National Day (国庆节), Oct 1–7
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  adjustedWorkdays: [
    // 2025
    '2025-01-26', // Sunday, for the Spring Festival
    '2025-02-08', // Saturday, for the Spring Festival
    '2025-04-27', // Sunday, for Labour Day
    '2025-09-28', // Sunday, for National Day
    '2025-10-11', // Saturday, for National Day
    // 2026
    '2026-01-04', // Sunday, for New Year
    '2026-02-14', // Saturday, for the Spring Festival
    '2026-02-28', // Saturday, for the Spring Festival
    '2026-05-09', // Saturday, for Labour Day
    '2026-09-20', // Sunday, for National Day
    '2026-10-10', // Saturday, for National Day
  ],
};

/** One year's arrangement as the State Council publishes it, with where it came from. */
export interface YearArrangement {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly adjustedWorkdays: readonly string[];
  /** The notice, e.g. 国办发明电〔2025〕7号 (recorded for whoever checks a deadline later). */
  readonly source: string;
}

/** A calendar as stored: the dates of every loaded year, and which years those are. */
export interface LoadedCalendar extends HolidayCalendar {
  /** Years whose arrangement is loaded (unset: the years its dates fall in); any other year counts Monday–Friday only. */
  readonly years?: readonly number[];
  /** The notice each year came from, by year. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Bumped at each replacement, so two administrators loading years at once cannot undo each other. */
  readonly revision?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Years a calendar covers: as recorded, or (a calendar stored before years were) the years its dates fall in. */
export function calendarYears(calendar: LoadedCalendar): number[] {
  const years = calendar.years ?? [...calendar.holidays, ...calendar.adjustedWorkdays].map(yearOf);
  return [...new Set(years)].sort((a, b) => a - b);
}

/** The last day the calendar knows about (`YYYY-12-31` of its last year), or undefined when it knows none. */
export function calendarLastDay(calendar: LoadedCalendar): string | undefined {
  const years = calendarYears(calendar);
  return years.length > 0 ? `${years.at(-1)}-12-31` : undefined;
}

/** Days from `today` (YYYY-MM-DD) until the calendar runs out; negative once it has. */
export function daysOfCalendarLeft(calendar: LoadedCalendar, today: string): number {
  const last = calendarLastDay(calendar);
  if (!last) return -1;
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Warn this long before the calendar ends: the State Council publishes the next year in October–November. */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * What is wrong with a year's arrangement, as field paths and messages
 * (empty when it can be loaded): every date a real date of that year, no date
 * both off and worked, and make-up working days only on weekends.
 */
export function arrangementProblems(arrangement: YearArrangement): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const check = (field: 'holidays' | 'adjustedWorkdays') =>
    arrangement[field].forEach((date, index) => {
      const match = DATE.exec(date);
      const parsed = new Date(`${date}T00:00:00Z`);
      if (!match || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
        problems.push({ path: `${field}.${index}`, message: 'must be a real date, YYYY-MM-DD' });
      } else if (yearOf(date) !== arrangement.year) {
        problems.push({ path: `${field}.${index}`, message: `must lie in ${arrangement.year}` });
      } else if (field === 'adjustedWorkdays' && parsed.getUTCDay() !== 0 && parsed.getUTCDay() !== 6) {
        problems.push({ path: `${field}.${index}`, message: 'a make-up working day (调休上班) is a Saturday or Sunday' });
      }
    });
  check('holidays');
  check('adjustedWorkdays');
  const off = new Set(arrangement.holidays);
  arrangement.adjustedWorkdays.forEach((date, index) => {
    if (off.has(date)) problems.push({ path: `adjustedWorkdays.${index}`, message: 'is also listed as a holiday' });
  });
  if (arrangement.holidays.length === 0) problems.push({ path: 'holidays', message: 'lists no holiday: every year has some' });
  return problems;
}

/** The calendar with `arrangement` in place of whatever it held for that year. */
export function withYear(calendar: LoadedCalendar, arrangement: YearArrangement): LoadedCalendar {
  const otherYears = (date: string) => yearOf(date) !== arrangement.year;
  const sorted = (dates: Iterable<string>) => [...new Set(dates)].sort();
  return {
    holidays: sorted([...calendar.holidays.filter(otherYears), ...arrangement.holidays]),
    adjustedWorkdays: sorted([...calendar.adjustedWorkdays.filter(otherYears), ...arrangement.adjustedWorkdays]),
    years: [...new Set([...calendarYears(calendar), arrangement.year])].sort((a, b) => a - b),
    sources: { ...calendar.sources, [String(arrangement.year)]: arrangement.source },
    ...(calendar.revision !== undefined ? { revision: calendar.revision } : {}),
  };
}

/** One year of a calendar, as loaded (for showing and for provisioning's comparison). */
export function yearOfCalendar(calendar: HolidayCalendar, year: number): Omit<YearArrangement, 'source'> {
  const inYear = (date: string) => yearOf(date) === year;
  return { year, holidays: calendar.holidays.filter(inYear), adjustedWorkdays: calendar.adjustedWorkdays.filter(inYear) };
}
