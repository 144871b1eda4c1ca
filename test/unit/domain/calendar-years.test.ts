import { describe, expect, it } from 'vitest';
import { arbitrationAcceptanceDeadline, DEFAULT_CLOCK_RULES } from '../../../shared/domain/case-clocks.js';
import {
  DEFAULT_HOLIDAY_CALENDAR,
  arrangementProblems,
  calendarLastDay,
  calendarYears,
  daysOfCalendarLeft,
  withYear,
} from '../../../shared/domain/holiday-calendar.js';

describe('the holiday calendar by year', () => {
  it('knows the years it holds and the day it runs out', () => {
    expect(calendarYears(DEFAULT_HOLIDAY_CALENDAR)).toEqual([2025, 2026]);
    expect(calendarLastDay(DEFAULT_HOLIDAY_CALENDAR)).toBe('2026-12-31');
    expect(daysOfCalendarLeft(DEFAULT_HOLIDAY_CALENDAR, '2026-12-01')).toBe(30);
    expect(daysOfCalendarLeft(DEFAULT_HOLIDAY_CALENDAR, '2027-01-02')).toBe(-2);
  });

  it('replaces one year and keeps the others, with the notice it came from', () => {
    const next = withYear(DEFAULT_HOLIDAY_CALENDAR, {
      year: 2026,
      source: 'notice',
      holidays: ['2026-10-01'],
      adjustedWorkdays: [],
    });
    expect(next.holidays.filter((date) => date.startsWith('2026'))).toEqual(['2026-10-01']);
    expect(next.holidays.filter((date) => date.startsWith('2025'))).toHaveLength(28);
    expect(next.adjustedWorkdays.every((date) => date.startsWith('2025'))).toBe(true);
    expect(next.sources).toEqual({ '2026': 'notice' });
    expect(calendarYears(next)).toEqual([2025, 2026]);
  });

  it.each([
    [{ holidays: ['2027-02-30'], adjustedWorkdays: [] }, 'holidays.0', 'must be a real date, YYYY-MM-DD'],
    [{ holidays: ['2026-10-01'], adjustedWorkdays: [] }, 'holidays.0', 'must lie in 2027'],
    [
      { holidays: ['2027-10-01'], adjustedWorkdays: ['2027-10-11'] },
      'adjustedWorkdays.0',
      'a make-up working day (调休上班) is a Saturday or Sunday',
    ],
    [{ holidays: ['2027-10-02'], adjustedWorkdays: ['2027-10-02'] }, 'adjustedWorkdays.0', 'is also listed as a holiday'],
    [{ holidays: [], adjustedWorkdays: [] }, 'holidays', 'lists no holiday: every year has some'],
  ])('refuses %j at %s', (dates, path, message) => {
    expect(arrangementProblems({ year: 2027, source: 's', ...dates })).toContainEqual({ path, message });
  });
});

describe('clocks counted past the calendar', () => {
  it('flags a period that ends beyond the last loaded day, not one ending at 24:00 of that day', () => {
    // Filed Thursday 2026-12-24: 5 working days end Thursday Dec 31 at 24:00, inside the calendar.
    expect(arbitrationAcceptanceDeadline('2026-12-24', DEFAULT_CLOCK_RULES)).toMatchObject({ dueAt: '2026-12-31T16:00:00.000Z' });
    expect(arbitrationAcceptanceDeadline('2026-12-24', DEFAULT_CLOCK_RULES).beyondCalendar).toBeUndefined();
    // Filed Monday 2026-12-28: the period runs into 2027, counted Monday–Friday there.
    expect(arbitrationAcceptanceDeadline('2026-12-28', DEFAULT_CLOCK_RULES)).toMatchObject({
      dueAt: '2027-01-04T16:00:00.000Z',
      beyondCalendar: true,
    });
  });
});
