import { chinaMonth } from './china-time.js';
import { AppError, type FieldIssue } from './errors.js';
import { FIGURE_NAMES, derive, differenceOf, unionMonthKey, type DerivedFigures, type Figures } from './figures.js';

/**
 * The monthly report's arithmetic, without I/O: which months a request
 * covers, subtree roll-ups from the unions' own figures, and the report's
 * shape. The union-month counters are the only input, so a report costs the
 * same whatever the number of cases.
 */

/** A report covers at most a year of months. */
export const MAX_REPORT_MONTHS = 12;

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number): string =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The month before `month` (`YYYY-MM`). */
export function previousMonth(month: string): string {
  return monthAt(monthIndex(month) - 1);
}

/**
 * The months from `from` to `to` (inclusive), checked: in order, at most
 * twelve, none after the current China month. Field paths name the query
 * parameters (`month`, `to`).
 */
export function reportMonths(from: string, to: string | undefined, now: Date): string[] {
  const last = to ?? from;
  const current = chinaMonth(now);
  const issues: FieldIssue[] = [];
  if (from > current)
    issues.push({
      path: 'month',
      code: 'future_month',
      message: { zh: `不能晚于${current}（北京时间）`, en: `cannot be after ${current} (China time)` },
    });
  if (to !== undefined && to > current)
    issues.push({ path: 'to', code: 'future_month', message: { zh: `不能晚于${current}`, en: `cannot be after ${current}` } });
  if (last < from)
    issues.push({ path: 'to', code: 'before_month', message: { zh: '不能早于起始月份（month）', en: 'cannot be before month' } });
  else if (monthIndex(last) - monthIndex(from) + 1 > MAX_REPORT_MONTHS) {
    issues.push({
      path: 'to',
      code: 'too_many_months',
      message: { zh: `一份报表最多覆盖${MAX_REPORT_MONTHS}个月`, en: `a report covers at most ${MAX_REPORT_MONTHS} months` },
    });
  }
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', { zh: '报表月份有误。', en: 'The report’s months are not valid.' }, issues);
  return Array.from({ length: monthIndex(last) - monthIndex(from) + 1 }, (_, offset) => monthAt(monthIndex(from) + offset));
}

/** Whether the month is over in China time (only a finished month can be filed). */
export function monthHasEnded(month: string, now: Date): boolean {
  return month < chinaMonth(now);
}

/** Every figure of the report, zero where nothing was counted (figures outside the list are kept, after it). */
export function completeFigures(figures: Figures): Record<string, number> {
  const complete: Record<string, number> = {};
  for (const name of FIGURE_NAMES) complete[name] = figures[name] ?? 0;
  for (const [name, value] of Object.entries(figures)) if (!(name in complete) && value !== 0) complete[name] = value;
  return complete;
}

/**
 * Subtree roll-ups of every union in `subtree` (parents before children, as
 * `UnionDirectory.subtreeOf` lists them) for one month: each union's own
 * figures plus its children's roll-ups, summed bottom-up in one pass.
 */
export function rollUp(
  subtree: readonly string[],
  parentOf: (code: string) => string | null | undefined,
  ownFigures: (code: string) => Figures,
): Map<string, Record<string, number>> {
  const totals = new Map<string, Record<string, number>>(subtree.map((code) => [code, { ...ownFigures(code) }]));
  for (const code of [...subtree].reverse()) {
    const parent = parentOf(code);
    const parentTotals = code === subtree[0] || !parent ? undefined : totals.get(parent);
    if (!parentTotals) continue;
    for (const [name, value] of Object.entries(totals.get(code)!)) parentTotals[name] = (parentTotals[name] ?? 0) + value;
  }
  return totals;
}

/** Figures with the rates derived from them. */
export interface FigureBlock {
  readonly figures: Record<string, number>;
  readonly derived: DerivedFigures;
}

export interface UnionRollUp extends FigureBlock {
  readonly unionCode: string;
  readonly unionName: string;
}

export interface FiledRevision {
  readonly revision: number;
  readonly filedAt: string;
  /** Staff id of who filed it. */
  readonly filedBy: string;
  /** The subtree roll-up as filed. */
  readonly figures: Record<string, number>;
}

export interface MonthReport {
  /** `YYYY-MM`, China time. */
  readonly month: string;
  /** The union's own cases. */
  readonly own: FigureBlock;
  /** The union and every union below it. */
  readonly subtree: FigureBlock;
  /** Each union directly below, with its own subtree's roll-up. */
  readonly children: readonly UnionRollUp[];
  readonly filing: {
    /** The latest filing of the month, if any. */
    readonly filed?: FiledRevision;
    /** Current subtree figures − filed ones, non-zero only (empty: nothing changed since). */
    readonly difference?: Record<string, number>;
  };
}

export interface MonthlyReport {
  readonly union: { readonly code: string; readonly name: string };
  readonly from: string;
  readonly to: string;
  readonly months: readonly MonthReport[];
}

export const figureBlock = (figures: Figures): FigureBlock => ({ figures: completeFigures(figures), derived: derive(figures) });

/** One month of the report, from the own figures of every union in the subtree and the latest filing. */
export function monthReport(input: {
  readonly month: string;
  readonly union: string;
  readonly subtree: readonly string[];
  readonly children: readonly { readonly code: string; readonly name: string }[];
  readonly parentOf: (code: string) => string | null | undefined;
  /** Own figures by `unionMonthKey`. */
  readonly own: ReadonlyMap<string, Figures>;
  readonly filed?: FiledRevision;
}): MonthReport {
  const { month, union, filed } = input;
  const ownOf = (code: string) => input.own.get(unionMonthKey(code, month)) ?? {};
  const totals = rollUp(input.subtree, input.parentOf, ownOf);
  const subtree = figureBlock(totals.get(union) ?? {});
  return {
    month,
    own: figureBlock(ownOf(union)),
    subtree,
    children: input.children.map((child) => ({
      unionCode: child.code,
      unionName: child.name,
      ...figureBlock(totals.get(child.code) ?? {}),
    })),
    filing: filed ? { filed, difference: differenceOf(subtree.figures, filed.figures) } : {},
  };
}
