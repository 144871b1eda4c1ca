import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../../web/src/lib/money.js';

describe('the console’s yuan ↔ fen conversion', () => {
  it('reads amounts as people type them, exactly', () => {
    expect(yuanToFen('36000')).toBe(3_600_000);
    expect(yuanToFen('36,000.29')).toBe(3_600_029);
    expect(yuanToFen(' 0.29 ')).toBe(29); // 0.29 * 100 in floating point is 28.999999999999996
    expect(yuanToFen('1234.5')).toBe(123_450);
    expect(yuanToFen('1，234.05')).toBe(123_405);
    expect(yuanToFen('12.')).toBe(1_200);
  });

  it('refuses what is not an amount of money', () => {
    for (const typed of ['', 'abc', '-5', '1.234', '1e5', '¥100', '12..3']) expect(yuanToFen(typed), typed).toBeUndefined();
  });

  it('shows fen as yuan and reads the shown text back to the same fen', () => {
    expect(fenToYuan(3_600_029)).toBe('36,000.29');
    expect(fenToYuan(5)).toBe('0.05');
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });
});
