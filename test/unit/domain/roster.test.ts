import { describe, expect, it } from 'vitest';
import { dutyLawyerFor, ineligibility, onDuty, type StaffProfile } from '../../../shared/domain/roster.js';

const lawyer = (overrides: Partial<StaffProfile> = {}): StaffProfile => ({
  staffId: 'a',
  displayName: '律师',
  role: 'lawyer',
  unionCode: '210102',
  unionPath: ['210000', '210100', '210102'],
  categories: ['work_injury'],
  capacity: 4,
  activeCases: 0,
  dutyWeekdays: [1, 3],
  dutyDates: ['2026-11-21'],
  conflicts: ['91210102MA0QC12347'],
  active: true,
  updatedAt: 'x',
  ...overrides,
});

const injuryCase = {
  category: 'work_injury' as const,
  unionCode: '210102',
  unionPath: ['210000', '210100', '210102'],
  employer: { name: 'X', creditCode: '91210106MA0P5K7L22' },
};

describe('eligibility', () => {
  it.each([
    ['eligible', {}, {}, []],
    ['inactive', { active: false }, {}, ['inactive']],
    ['other category', { categories: ['wage_arrears' as const] }, {}, ['category_not_taken']],
    ['conflict with the employer', {}, { employer: { name: 'Y', creditCode: '91210102MA0QC12347' } }, ['conflict_of_interest']],
    ['full', { activeCases: 4 }, {}, ['at_capacity']],
    ['a mediator on the lawyer pool', { role: 'mediator' as const }, { pool: 'lawyer' as const }, ['wrong_pool']],
    [
      'a sibling district’s lawyer',
      { unionCode: '210103', unionPath: ['210000', '210100', '210103'] },
      {},
      ['case_outside_union'],
    ],
    ['a city lawyer on a district case', { unionCode: '210100', unionPath: ['210000', '210100'] }, {}, []],
  ])('%s → %j', (_name, staff, caseOverrides, reasons) => {
    expect(ineligibility(lawyer(staff), { ...injuryCase, ...caseOverrides })).toEqual(reasons);
  });
});

describe('duty', () => {
  it.each([
    ['2026-11-23', true], // Monday
    ['2026-11-24', false], // Tuesday
    ['2026-11-25', true], // Wednesday
    ['2026-11-21', true], // a Saturday on the duty dates
    ['2026-11-22', false], // Sunday
  ])('%s → on duty: %s', (date, expected) => {
    expect(onDuty(lawyer(), date)).toBe(expected);
  });

  it('gives an urgent case to the on-duty lawyer with the most room', () => {
    const roster = [
      lawyer({ staffId: 'busy', activeCases: 3 }),
      lawyer({ staffId: 'free', activeCases: 1 }),
      lawyer({ staffId: 'off', activeCases: 0, dutyWeekdays: [2], dutyDates: [] }),
      lawyer({ staffId: 'elsewhere', activeCases: 0, unionCode: '210103' }),
    ];
    expect(dutyLawyerFor(roster, injuryCase, '2026-11-23')?.staffId).toBe('free');
    expect(dutyLawyerFor(roster, injuryCase, '2026-11-22')).toBeUndefined();
  });
});
