/** Turns measurements into the printed table and its notes. Pure formatting: no I/O. */
import type { InputShare } from './build.js';

export interface Row {
  readonly name: string;
  readonly kib: number;
  readonly sizeRatio: number;
  readonly medianMs: number;
  readonly initRatio: number;
  readonly p90Ms: number;
}

export interface Targets {
  /** Largest acceptable bundle size as a multiple of the floor's. */
  readonly sizeRatio: number;
  /** Largest acceptable median init time as a multiple of the floor's. */
  readonly initRatio: number;
}

const OVER_MARK = '✗';

/** Judged at the precision printed (2 decimals), so a ratio shown as 1.30× is never marked over a 1.3× target. */
export function withinTarget(ratio: number, target: number): boolean {
  return Math.round(ratio * 100) / 100 <= target;
}

/** A ratio as every table and verdict prints it, at the precision `withinTarget` judges: `1.13×`. */
export function times(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** Always the same width, marked or not, so the column stays aligned. */
function ratio(value: number, target: number | undefined): string {
  const over = target !== undefined && !withinTarget(value, target);
  return `${times(value)}${over ? ` ${OVER_MARK}` : '  '}`;
}

/** Columns right-aligned except the first, so digits line up. */
function layout(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
  const [header, ...body] = rows;
  return [line(header!), widths.map((width) => '-'.repeat(width)).join('-|-'), ...body.map(line)];
}

/** The function rows, a rule, then the floor row (ratios 1.00× by definition, never marked). */
export function renderTable(functions: readonly Row[], floor: Row, targets: Targets): string {
  const cells = (row: Row, marked: boolean) => [
    row.name,
    row.kib.toFixed(1),
    ratio(row.sizeRatio, marked ? targets.sizeRatio : undefined),
    row.medianMs.toFixed(1),
    ratio(row.initRatio, marked ? targets.initRatio : undefined),
    row.p90Ms.toFixed(1),
  ];
  const lines = layout([
    ['function', 'bundle KiB', '× floor', 'init ms (median)', '× floor', 'p90 ms'],
    ...functions.map((row) => cells(row, true)),
    cells(floor, false),
  ]);
  lines.splice(lines.length - 1, 0, lines[1]!); // a rule above the floor row
  return lines.join('\n');
}

export function renderShares(shares: readonly InputShare[], totalBytes: number): string {
  return shares
    .map(
      ({ input, bytes }) =>
        `  ${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${((100 * bytes) / totalBytes).toFixed(1).padStart(5)}%  ${input}`,
    )
    .join('\n');
}

export function kib(bytes: number): number {
  return bytes / 1024;
}
