import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  addYears,
  ARBITRATION_ACCEPTANCE_DAYS,
  ARBITRATION_AWARD_DAYS,
  ARBITRATION_EXTENSION_DAYS,
  DEFAULT_COMPLETION_TARGET_WORKING_DAYS,
  endOfChinaDay,
  firstResponseDue,
  isWorkingDay,
  limitationCheck,
  LIMITATION_RUNS_SOON_DAYS,
  LIMITATION_YEARS,
  MEDIATION_DAYS,
  nextWorkingDayOnOrAfter,
  statutoryPeriodDue,
  statutoryYearsDue,
  workingDayTargetDue,
} from '../../../shared/domain/clocks.js';
import { DEFAULT_HOLIDAY_CALENDAR, type HolidayCalendar } from '../../../shared/domain/holiday-calendar.js';
import { CATEGORIES, type Category } from '../../../shared/domain/vocabulary.js';

/**
 * Every expected value below was worked out by hand from a wall calendar and
 * the State Council notices. Landmarks: 2026-01-01 is a Thursday, 2026-02-01 a
 * Sunday, 2026-09-01 a Tuesday, 2026-10-01 a Thursday, 2026-11-01 a Sunday.
 * China is UTC+8, so a China-local day ends at 16:00Z on the same date.
 */
const calendar = DEFAULT_HOLIDAY_CALENDAR;
const WEEKENDS_ONLY: HolidayCalendar = { holidays: [], adjustedWorkdays: [] };

describe('statutory constants', () => {
  it.each([
    ['MEDIATION_DAYS (Art. 14)', MEDIATION_DAYS, 15],
    ['ARBITRATION_ACCEPTANCE_DAYS (Art. 29)', ARBITRATION_ACCEPTANCE_DAYS, 5],
    ['ARBITRATION_AWARD_DAYS (Art. 43)', ARBITRATION_AWARD_DAYS, 45],
    ['ARBITRATION_EXTENSION_DAYS (Art. 43)', ARBITRATION_EXTENSION_DAYS, 15],
    ['LIMITATION_YEARS (Art. 27)', LIMITATION_YEARS, 1],
    ['LIMITATION_RUNS_SOON_DAYS', LIMITATION_RUNS_SOON_DAYS, 30],
  ])('%s is %i', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['wage_arrears', 10],
    ['work_injury', 30],
    ['occupational_disease', 30],
    ['women_workers_rights', 10],
    ['social_insurance', 20],
    ['labour_contract', 20],
    ['other', 20],
  ] as const)('completion target for %s is %i working days', (category, days) => {
    expect(DEFAULT_COMPLETION_TARGET_WORKING_DAYS[category]).toBe(days);
  });

  it('has a positive whole-day completion target for every category', () => {
    for (const category of Object.keys(CATEGORIES) as Category[]) {
      expect(Number.isInteger(DEFAULT_COMPLETION_TARGET_WORKING_DAYS[category])).toBe(true);
      expect(DEFAULT_COMPLETION_TARGET_WORKING_DAYS[category]).toBeGreaterThan(0);
    }
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'], // year end
    ['2026-11-30', 1, '2026-12-01'], // month end
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2026-02-28', 1, '2026-03-01'], // common year
    ['2026-03-01', -1, '2026-02-28'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-11-21', 15, '2026-12-06'],
    ['2026-11-21', 0, '2026-11-21'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'], // no Feb 31: clamp to the month's last day
    ['2028-01-31', 1, '2028-02-29'], // leap February
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-15', 3, '2027-02-15'], // across the year end
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', 13, '2027-06-30'],
    ['2026-08-31', 12, '2027-08-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'], // no Feb 29 in 2025
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-03-10', 1, '2026-03-10'],
    ['2026-12-31', 1, '2027-12-31'],
    ['2000-02-29', 100, '2100-02-28'], // 2100 is not a leap year
  ])('addYears(%s, %i) = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-3', '2026-02-03T00:00:00Z', ''])('rejects %j as a date', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
    expect(() => isWorkingDay(date, calendar)).toThrow(RangeError);
  });

  it('rejects fractional counts', () => {
    expect(() => addDays('2026-11-21', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2026-11-21', 0.5)).toThrow(RangeError);
  });

  describe('whatever the server time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'UTC'])('gives the same answers with TZ=%s', (zone) => {
      process.env.TZ = zone;
      expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US daylight saving starts on 2026-03-08
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(isWorkingDay('2026-11-21', calendar)).toBe(false); // a Saturday
      expect(statutoryPeriodDue('2026-11-21T15:30:00.000Z', 5, calendar)).toBe('2026-11-26T16:00:00.000Z');
    });
  });
});

describe('working days', () => {
  it.each([
    ['2026-01-01', false, 'New Year (Thursday)'],
    ['2026-01-02', false, 'New Year block (Friday)'],
    ['2026-01-04', true, 'Sunday worked for New Year'],
    ['2026-01-05', true, 'an ordinary Monday'],
    ['2026-01-10', false, 'an ordinary Saturday'],
    ['2026-01-11', false, 'an ordinary Sunday'],
    ['2026-02-14', true, 'Saturday worked for the Spring Festival'],
    ['2026-02-16', false, 'Spring Festival (Monday)'],
    ['2026-02-23', false, 'last day of the Spring Festival (Monday)'],
    ['2026-02-24', true, 'first Tuesday after the Spring Festival'],
    ['2026-02-28', true, 'second Saturday worked for the Spring Festival'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2026-05-05', false, 'Labour Day block (Tuesday)'],
    ['2026-05-09', true, 'Saturday worked for Labour Day'],
    ['2026-09-20', true, 'Sunday worked for National Day'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-10-07', false, 'last day of National Day (Wednesday)'],
    ['2026-10-08', true, 'Thursday after National Day'],
    ['2026-10-10', true, 'Saturday worked for National Day'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2025-01-26', true, 'Sunday worked for the 2025 Spring Festival'],
    ['2025-02-04', false, 'last day of the 2025 Spring Festival (Tuesday)'],
    ['2025-10-08', false, 'last day of National Day 2025 (Wednesday)'],
    ['2025-10-11', true, 'Saturday worked for National Day 2025'],
    ['2027-01-04', true, 'a Monday beyond the calendar'],
  ] as const)('%s is a working day: %s (%s)', (date, expected, _why) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });

  it.each([
    ['2026-02-14', false], // Saturday, with no adjustments configured
    ['2026-02-16', true], // Monday, with no holidays configured
  ])('with an empty calendar, %s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date, WEEKENDS_ONLY)).toBe(expected);
  });

  it.each([
    // Spring Festival 2026: Feb 13 Fri, Feb 14 Sat worked, Feb 15–23 off, Feb 24–27 Tue–Fri, Feb 28 Sat worked, Mar 2 Mon.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-13', 5, '2026-02-27'],
    ['2026-02-13', 6, '2026-02-28'],
    ['2026-02-13', 7, '2026-03-02'],
    ['2026-02-13', 10, '2026-03-05'],
    ['2026-02-14', 1, '2026-02-24'], // the start day is not counted, even when it is a working day
    ['2026-02-18', 1, '2026-02-24'], // starting inside the holiday
    // National Day 2026: Sep 25–27 and Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) worked.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-09-30', 10, '2026-10-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-18', 1, '2026-09-20'], // an adjusted Sunday counts
    ['2026-09-18', 2, '2026-09-21'],
    ['2026-01-03', 1, '2026-01-04'], // New Year: Saturday off, Sunday worked
    // an ordinary week
    ['2026-11-20', 1, '2026-11-23'],
    ['2026-11-20', 5, '2026-11-27'],
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, calendar)).toBe(expected);
  });

  it.each([0, -1, 1.5])('rejects %d working days', (n) => {
    expect(() => addWorkingDays('2026-11-20', n, calendar)).toThrow(RangeError);
  });

  it.each([
    ['2026-11-23', '2026-11-23'], // a Monday: itself
    ['2026-02-14', '2026-02-14'], // an adjusted Saturday: itself
    ['2026-11-21', '2026-11-23'], // Saturday → Monday
    ['2026-02-15', '2026-02-24'],
    ['2026-10-01', '2026-10-08'],
    ['2026-01-01', '2026-01-04'], // Jan 1–3 off, Jan 4 (Sunday) worked
    ['2025-01-28', '2025-02-05'],
  ])('nextWorkingDayOnOrAfter(%s) = %s', (date, expected) => {
    expect(nextWorkingDayOnOrAfter(date, calendar)).toBe(expected);
  });

  it('refuses a calendar with no working day within a year instead of looping forever', () => {
    // Prepare: every day of 2026 and 2027 a holiday.
    const holidays: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      holidays.push(new Date(t).toISOString().slice(0, 10));
    }
    // Act / Assess
    expect(() => nextWorkingDayOnOrAfter('2026-01-01', { holidays, adjustedWorkdays: [] })).toThrow(RangeError);
  });
});

describe('DEFAULT_HOLIDAY_CALENDAR', () => {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it.each([
    ['2025', 28, 5],
    ['2026', 33, 6],
  ])('%s has %i holidays and %i adjusted workdays', (year, holidays, adjusted) => {
    expect(calendar.holidays.filter((d) => d.startsWith(year))).toHaveLength(holidays);
    expect(calendar.adjustedWorkdays.filter((d) => d.startsWith(year))).toHaveLength(adjusted);
  });

  it('lists only real dates, no date twice, and no adjusted workday that is also a holiday', () => {
    const all = [...calendar.holidays, ...calendar.adjustedWorkdays];
    for (const date of all) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    expect(new Set(all).size).toBe(all.length);
  });

  it('makes only Saturdays and Sundays into working days', () => {
    for (const date of calendar.adjustedWorkdays) expect([0, 6]).toContain(weekday(date));
  });
});

describe('endOfChinaDay', () => {
  it.each([
    ['2026-11-21', '2026-11-21T16:00:00.000Z'],
    ['2026-12-31', '2026-12-31T16:00:00.000Z'],
    ['2028-02-29', '2028-02-29T16:00:00.000Z'],
  ])('%s ends at %s', (date, expected) => {
    expect(endOfChinaDay(date)).toBe(expected);
  });
});

describe('statutoryPeriodDue', () => {
  it.each([
    // [why, start, days, due]
    ['last day a weekday (Tue Nov 17): no roll', '2026-11-02T02:00:00.000Z', 15, '2026-11-17T16:00:00.000Z'],
    ['last day a Saturday (Nov 21): rolls to Monday', '2026-11-06T02:00:00.000Z', 15, '2026-11-23T16:00:00.000Z'],
    ['last day a Sunday (Nov 22): rolls to Monday', '2026-11-07T02:00:00.000Z', 15, '2026-11-23T16:00:00.000Z'],
    ['last day National Day (Oct 1): rolls to Oct 8', '2026-09-16T01:00:00.000Z', 15, '2026-10-08T16:00:00.000Z'],
    ['last day in the Spring Festival (Feb 15): rolls to Feb 24', '2026-02-10T03:00:00.000Z', 5, '2026-02-24T16:00:00.000Z'],
    ['last day an adjusted Saturday (Feb 14): no roll', '2026-02-09T03:00:00.000Z', 5, '2026-02-14T16:00:00.000Z'],
    // the China-local date of the start decides
    ['23:30 China on Nov 21 counts from Nov 21', '2026-11-21T15:30:00.000Z', 5, '2026-11-26T16:00:00.000Z'],
    ['00:30 China on Nov 22 counts from Nov 22', '2026-11-21T16:30:00.000Z', 5, '2026-11-27T16:00:00.000Z'],
    ['00:00 China on Nov 21 counts from Nov 21', '2026-11-20T16:00:00.000Z', 5, '2026-11-26T16:00:00.000Z'],
    ['a start written in China time', '2026-11-21T23:30:00+08:00', 5, '2026-11-26T16:00:00.000Z'],
    // award: accepted Mon Mar 2; Mar 2 + 45 = Thu Apr 16; + 60 = Fri May 1 (Labour Day) → Wed May 6
    ['award period', '2026-03-02T02:00:00.000Z', ARBITRATION_AWARD_DAYS, '2026-04-16T16:00:00.000Z'],
    [
      'extended award period',
      '2026-03-02T02:00:00.000Z',
      ARBITRATION_AWARD_DAYS + ARBITRATION_EXTENSION_DAYS,
      '2026-05-06T16:00:00.000Z',
    ],
  ])('%s', (_why, start, days, expected) => {
    expect(statutoryPeriodDue(start, days, calendar)).toBe(expected);
  });

  it('rejects a start that is not an instant', () => {
    expect(() => statutoryPeriodDue('not a date', MEDIATION_DAYS, calendar)).toThrow(RangeError);
  });
});

describe('statutoryYearsDue (the worker’s year for work-injury recognition, Art. 17)', () => {
  it.each([
    ['a year ending on National Day runs to Thu Oct 8', '2025-10-01', '2026-10-08T16:00:00.000Z'],
    ['a year ending on Sat Oct 10, a make-up working day, ends that day', '2025-10-10', '2026-10-10T16:00:00.000Z'],
    ['a year ending in the Spring Festival (Feb 19) runs to Tue Feb 24', '2025-02-19', '2026-02-24T16:00:00.000Z'],
    ['a year ending on Sun Feb 15 (the Festival begins) runs to Feb 24', '2025-02-15', '2026-02-24T16:00:00.000Z'],
    ['a year ending on a plain Monday ends that day', '2025-11-23', '2026-11-23T16:00:00.000Z'],
  ])('%s', (_why, from, expected) => {
    expect(statutoryYearsDue(from, 1, calendar)).toBe(expected);
  });
});

describe('workingDayTargetDue', () => {
  it.each([
    ['wage arrears from Fri Feb 13, across the Spring Festival', '2026-02-13T02:00:00.000Z', 10, '2026-03-05T16:00:00.000Z'],
    ['00:30 China on Feb 13', '2026-02-12T16:30:00.000Z', 1, '2026-02-14T16:00:00.000Z'],
    ['23:30 China on Feb 13', '2026-02-13T15:30:00.000Z', 1, '2026-02-14T16:00:00.000Z'],
    ['00:30 China on Feb 14 (an adjusted Saturday)', '2026-02-13T16:30:00.000Z', 1, '2026-02-24T16:00:00.000Z'],
    ['from Sep 30, across National Day', '2026-09-30T01:00:00.000Z', 3, '2026-10-10T16:00:00.000Z'],
    ['wage arrears from Sep 30', '2026-09-30T01:00:00.000Z', 10, '2026-10-20T16:00:00.000Z'],
  ])('%s', (_why, start, n, expected) => {
    expect(workingDayTargetDue(start, n, calendar)).toBe(expected);
  });
});

describe('firstResponseDue (clock time, around the clock)', () => {
  it.each([
    ['2026-11-21T15:30:00.000Z', 'urgent', '2026-11-21T16:00:00.000Z'],
    ['2026-11-21T15:30:00.000Z', 'priority', '2026-11-21T17:30:00.000Z'],
    ['2026-11-21T15:30:00.000Z', 'ordinary', '2026-11-22T15:30:00.000Z'],
    ['2026-12-31T23:00:00+08:00', 'urgent', '2026-12-31T15:30:00.000Z'],
    ['2026-12-31T23:00:00+08:00', 'ordinary', '2027-01-01T15:00:00.000Z'],
    ['2026-10-01T02:00:00.000Z', 'ordinary', '2026-10-02T02:00:00.000Z'], // holidays do not stop it
  ] as const)('received %s, %s → %s', (receivedAt, priority, expected) => {
    expect(firstResponseDue(receivedAt, priority)).toBe(expected);
  });
});

describe('limitationCheck', () => {
  /** 10:00 on Sat 2026-11-21 in China. */
  const receivedAt = '2026-11-21T02:00:00.000Z';

  it.each([
    // [why, input, status, runsOn]
    ['wage arrears, still employed', { category: 'wage_arrears', occurredOn: '2020-01-01' }, 'not_running', undefined],
    ['wage arrears, left 2026-03-01', { category: 'wage_arrears', employmentEndedOn: '2026-03-01' }, 'running', '2027-03-01'],
    [
      'wage arrears counts from leaving, not from the arrears',
      { category: 'wage_arrears', occurredOn: '2020-01-01', employmentEndedOn: '2026-06-30' },
      'running',
      '2027-06-30',
    ],
    [
      'wage arrears, left 2025-11-20',
      { category: 'wage_arrears', employmentEndedOn: '2025-11-20' },
      'may_have_run',
      '2026-11-20',
    ],
    [
      'wage arrears, the year ends today, a Saturday: it runs to Monday',
      { category: 'wage_arrears', employmentEndedOn: '2025-11-21' },
      'runs_soon',
      '2026-11-23',
    ],
    [
      'injury, the year ended in the National Day holiday: it ran to the first working day after it',
      { category: 'work_injury', occurredOn: '2025-10-01' },
      'may_have_run',
      '2026-10-08',
    ],
    ['injury, 30 days left (Nov 21 → Dec 21)', { category: 'work_injury', occurredOn: '2025-12-21' }, 'runs_soon', '2026-12-21'],
    ['injury, 31 days left (Nov 21 → Dec 22)', { category: 'work_injury', occurredOn: '2025-12-22' }, 'running', '2026-12-22'],
    ['contract, known 2026-05-10', { category: 'labour_contract', occurredOn: '2026-05-10' }, 'running', '2027-05-10'],
    ['leap day known 2024-02-29', { category: 'compensation', occurredOn: '2024-02-29' }, 'may_have_run', '2025-02-28'],
    ['no date at all', { category: 'compensation' }, 'unknown', undefined],
    [
      'other categories ignore the end of employment',
      { category: 'social_insurance', employmentEndedOn: '2026-06-30' },
      'unknown',
      undefined,
    ],
  ] as const)('%s → %s', (_why, input, status, runsOn) => {
    const check = limitationCheck({ ...input, receivedAt, calendar: DEFAULT_HOLIDAY_CALENDAR });
    expect(check.status).toBe(status);
    expect(check.runsOn).toBe(runsOn);
    expect(check.basis).toMatch(/Art\. 27/);
  });

  it.each([
    ['23:30 China on Fri Nov 20: the last day, still open', '2026-11-20T15:30:00.000Z', 'runs_soon'],
    ['00:30 China on Sat Nov 21: the day after', '2026-11-20T16:30:00.000Z', 'may_have_run'],
  ] as const)('counts from the China date of receipt: %s', (_why, at, status) => {
    const check = limitationCheck({
      category: 'work_injury',
      occurredOn: '2025-11-20',
      receivedAt: at,
      calendar: DEFAULT_HOLIDAY_CALENDAR,
    });
    expect(check.status).toBe(status);
  });

  it('a claim whose year ended on 1 October 2026 is still open on 8 October, the first working day after National Day', () => {
    // Received on the morning of 8 October 2026.
    const check = limitationCheck({
      category: 'labour_contract',
      occurredOn: '2025-10-01',
      receivedAt: '2026-10-08T01:00:00.000Z',
      calendar: DEFAULT_HOLIDAY_CALENDAR,
    });
    expect(check).toMatchObject({ status: 'runs_soon', runsOn: '2026-10-08' });
    expect(check.basis).toContain('the year ends on 2026-10-01, a rest day');
    expect(check.basis).toContain('Civil Code, Art. 203');
  });

  it('explains that a period that seems to have run may have been interrupted or suspended', () => {
    const check = limitationCheck({
      category: 'work_injury',
      occurredOn: '2024-01-10',
      receivedAt,
      calendar: DEFAULT_HOLIDAY_CALENDAR,
    });
    expect(check).toMatchObject({ status: 'may_have_run', runsOn: '2025-01-10' });
    expect(check.basis).toMatch(/interrupted or suspended/);
  });

  it('explains why wages owed during employment are not limited', () => {
    expect(limitationCheck({ category: 'wage_arrears', receivedAt, calendar: DEFAULT_HOLIDAY_CALENDAR }).basis).toMatch(
      /Art\. 27 ¶4/,
    );
  });
});

describe('properties', () => {
  /** Dates from 2024-06-01 to 2027-06-30, built without the functions under test. */
  const dates = fc
    .integer({ min: Date.UTC(2024, 5, 1) / 86_400_000, max: Date.UTC(2027, 5, 30) / 86_400_000 })
    .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

  it('addWorkingDays lands on a working day strictly after the start, with n − 1 working days between', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const due = addWorkingDays(date, n, calendar);
        expect(isWorkingDay(due, calendar)).toBe(true);
        expect(due > date).toBe(true);
        let between = 0;
        for (let day = addDays(date, 1); day < due; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) between++;
        expect(between).toBe(n - 1);
      }),
    );
  });

  it('nextWorkingDayOnOrAfter is a working day, on or after the date, and the date itself when it is one', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const next = nextWorkingDayOnOrAfter(date, calendar);
        expect(isWorkingDay(next, calendar)).toBe(true);
        expect(next >= date).toBe(true);
        if (isWorkingDay(date, calendar)) expect(next).toBe(date);
      }),
    );
  });
});
