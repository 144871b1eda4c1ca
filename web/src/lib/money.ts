/**
 * Money crosses the API as integer fen. People type yuan ("36000", "1,234.5");
 * the text is parsed digit by digit, never through a float, so 0.29 yuan is
 * 29 fen and not 28.999….
 */
const YUAN = /^(\d{1,10})(?:\.(\d{0,2}))?$/;

/** Fen for a yuan amount as typed, or undefined when it is not an amount of money (at most 2 decimals). */
export function yuanToFen(typed: string): number | undefined {
  const match = YUAN.exec(typed.trim().replace(/[,，\s]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** "36,000.00" for 3600000 fen: integer division, so no rounding on the way back either. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const whole = Math.trunc(Math.abs(fen) / 100);
  const cents = Math.abs(fen) % 100;
  return `${sign}${whole.toLocaleString('zh-CN')}.${String(cents).padStart(2, '0')}`;
}
