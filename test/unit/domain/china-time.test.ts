import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDate, chinaLocalIso, chinaMonth } from '../../../shared/domain/china-time.js';

/** Instants around the UTC+8 midnight boundary: 16:00Z is 00:00 the next day in China. */
const cases = [
  // [instant, China date, China month, China local ISO]
  ['2026-11-21T12:15:03.123Z', '2026-11-21', '2026-11', '2026-11-21T20:15:03.123+08:00'],
  ['2026-11-21T00:00:00.000Z', '2026-11-21', '2026-11', '2026-11-21T08:00:00.000+08:00'],
  ['2026-11-20T16:00:00.000Z', '2026-11-21', '2026-11', '2026-11-21T00:00:00.000+08:00'],
  ['2026-11-20T15:59:59.999Z', '2026-11-20', '2026-11', '2026-11-20T23:59:59.999+08:00'],
  // month end
  ['2026-11-30T15:59:59.999Z', '2026-11-30', '2026-11', '2026-11-30T23:59:59.999+08:00'],
  ['2026-11-30T16:00:00.000Z', '2026-12-01', '2026-12', '2026-12-01T00:00:00.000+08:00'],
  ['2026-04-30T16:00:00.000Z', '2026-05-01', '2026-05', '2026-05-01T00:00:00.000+08:00'],
  ['2026-01-31T16:00:00.000Z', '2026-02-01', '2026-02', '2026-02-01T00:00:00.000+08:00'],
  // year end
  ['2026-12-31T15:59:59.999Z', '2026-12-31', '2026-12', '2026-12-31T23:59:59.999+08:00'],
  ['2026-12-31T16:00:00.000Z', '2027-01-01', '2027-01', '2027-01-01T00:00:00.000+08:00'],
  ['2026-12-31T23:59:59.999Z', '2027-01-01', '2027-01', '2027-01-01T07:59:59.999+08:00'],
  ['2027-01-01T00:00:00.000Z', '2027-01-01', '2027-01', '2027-01-01T08:00:00.000+08:00'],
  // February in leap and common years
  ['2028-02-28T16:00:00.000Z', '2028-02-29', '2028-02', '2028-02-29T00:00:00.000+08:00'],
  ['2028-02-29T15:59:59.999Z', '2028-02-29', '2028-02', '2028-02-29T23:59:59.999+08:00'],
  ['2028-02-29T16:00:00.000Z', '2028-03-01', '2028-03', '2028-03-01T00:00:00.000+08:00'],
  ['2026-02-28T16:00:00.000Z', '2026-03-01', '2026-03', '2026-03-01T00:00:00.000+08:00'],
  ['2000-02-28T16:00:00.000Z', '2000-02-29', '2000-02', '2000-02-29T00:00:00.000+08:00'],
  ['2100-02-28T16:00:00.000Z', '2100-03-01', '2100-03', '2100-03-01T00:00:00.000+08:00'],
] as const;

describe('China local time (UTC+8)', () => {
  it.each(cases)('%s is %s in China (month %s)', (instant, date, month) => {
    expect(chinaDate(new Date(instant))).toBe(date);
    expect(chinaMonth(new Date(instant))).toBe(month);
  });

  it.each(cases)('chinaLocalIso(%s) = %s', (instant, _date, _month, iso) => {
    expect(chinaLocalIso(new Date(instant))).toBe(iso);
  });

  it.each([
    ['2026-12-01T00:00:00+08:00', '2026-12-01', '2026-12'],
    ['2026-11-30T23:59:59+08:00', '2026-11-30', '2026-11'],
    ['2026-11-30T11:00:00-05:00', '2026-12-01', '2026-12'],
  ])('an instant written with its own offset, %s, is %s in China', (instant, date, month) => {
    expect(chinaDate(new Date(instant))).toBe(date);
    expect(chinaMonth(new Date(instant))).toBe(month);
  });

  it('chinaLocalIso names the same instant it was given (round trip), and agrees with chinaDate and chinaMonth', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const iso = chinaLocalIso(instant);
          expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
          expect(new Date(iso).getTime()).toBe(instant.getTime());
          expect(iso.slice(0, 10)).toBe(chinaDate(instant));
          expect(iso.slice(0, 7)).toBe(chinaMonth(instant));
        },
      ),
    );
  });

  describe('whatever the server time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Pacific/Kiritimati', 'UTC'])(
      'gives the same answers with TZ=%s',
      (zone) => {
        process.env.TZ = zone;
        const instant = new Date('2026-11-30T16:00:00Z');
        expect(chinaDate(instant)).toBe('2026-12-01');
        expect(chinaMonth(instant)).toBe('2026-12');
        expect(chinaLocalIso(instant)).toBe('2026-12-01T00:00:00.000+08:00');
      },
    );
  });
});
