import { AppError } from '../domain/errors.js';
import { differenceOf, recompute, sumFigures, unionMonthKey, type Figures } from '../domain/figures.js';
import {
  completeFigures,
  figureBlock,
  monthHasEnded,
  monthReport,
  reportMonths,
  type FigureBlock,
  type MonthlyReport,
} from '../domain/monthly-report.js';
import type { Caller } from '../domain/roles.js';
import type { Union, UnionDirectory } from '../domain/unions.js';
import { FilingConflict } from '../domain/conflicts.js';
import type { ReconcileDependencies, ReportDependencies } from './report-dependencies.js';

/**
 * Monthly reports of union legal departments (see README.md, "Filing the
 * monthly report", for the figures and what each counts). Reports read only
 * the union-month counters the case transactions maintain, so their cost is
 * (unions in the subtree × months) items and one
 * Query per month for the filing, whatever the number of cases.
 */

/**
 * The union a legal department may report on: its own or one below it.
 * Anything else, a sibling included, is "not found", exactly as a union that
 * does not exist.
 */
function reportableUnion(directory: UnionDirectory, caller: Caller, unionCode: string): Union {
  if (!caller.roles.includes('legal_admin')) {
    throw new AppError('FORBIDDEN', { zh: '月报仅供工会法律部门使用。', en: 'Monthly reports are for union legal departments.' });
  }
  const union = directory.get(unionCode);
  if (!union || !directory.isWithin(union.code, caller.unionCode)) {
    throw new AppError('NOT_FOUND', { zh: '本工会管辖范围内没有该工会。', en: 'No such union in your union’s area.' });
  }
  return union;
}

export interface MonthlyReportRequest {
  /** Defaults to the caller's own union. */
  readonly union?: string;
  /** `YYYY-MM`: the month, or the first of a range. */
  readonly month: string;
  /** `YYYY-MM`: the last month of a range (a trend), at most 12 months in all. */
  readonly to?: string;
}

/** A union's monthly figures, its subtree's roll-up and each child's, with the filing state, month by month. */
export async function monthlyReport(
  deps: ReportDependencies,
  caller: Caller,
  request: MonthlyReportRequest,
): Promise<MonthlyReport> {
  const directory = await deps.unions.directory();
  const union = reportableUnion(directory, caller, request.union ?? caller.unionCode);
  const months = reportMonths(request.month, request.to, deps.now());
  const subtree = directory.subtreeOf(union.code);
  const [own, filings] = await Promise.all([
    deps.reports.figures(subtree, months),
    Promise.all(months.map((month) => deps.reports.latestFiling(union.code, month))),
  ]);
  const children = directory.childrenOf(union.code).map(({ code, name }) => ({ code, name }));
  const parentOf = (code: string) => directory.get(code)?.parentCode;
  return {
    union: { code: union.code, name: union.name },
    from: months[0]!,
    to: months.at(-1)!,
    months: months.map((month, index) => {
      const filing = filings[index];
      return monthReport({
        month,
        union: union.code,
        subtree,
        children,
        parentOf,
        own,
        ...(filing
          ? {
              filed: {
                revision: filing.revision,
                filedAt: filing.filedAt,
                filedBy: filing.filedBy,
                figures: completeFigures(filing.figures),
              },
            }
          : {}),
      });
    }),
  };
}

export interface FilingReceipt extends FigureBlock {
  readonly union: { readonly code: string; readonly name: string };
  readonly month: string;
  readonly revision: number;
  readonly filedAt: string;
  readonly filedBy: string;
  /** The filing this revision corrects, if any. */
  readonly previous?: { readonly revision: number; readonly filedAt: string; readonly filedBy: string };
  /** This filing − the previous one, non-zero figures only; absent on a first filing. */
  readonly difference?: Record<string, number>;
}

/**
 * Files a finished month: its current subtree figures are locked as the next
 * revision. A correction is a new revision, never an overwrite, so what was
 * filed before stays visible with the difference.
 */
export async function fileMonthlyReport(
  deps: ReportDependencies,
  caller: Caller,
  unionCode: string,
  month: string,
): Promise<FilingReceipt> {
  const directory = await deps.unions.directory();
  const union = reportableUnion(directory, caller, unionCode);
  const now = deps.now();
  if (!monthHasEnded(month, now)) {
    throw new AppError(
      'UNPROCESSABLE',
      {
        zh: `${month}尚未结束（北京时间），请在月份结束后报送。`,
        en: `${month} has not ended yet (China time); file it once the month is over.`,
      },
      [
        {
          path: 'month',
          code: 'month_not_ended',
          message: { zh: '只能报送已结束的月份', en: 'only a finished month can be filed' },
        },
      ],
    );
  }
  const subtree = directory.subtreeOf(union.code);
  // Consistent reads: the filing locks every case change committed before it.
  const [own, previous] = await Promise.all([
    deps.reports.figures(subtree, [month], { consistent: true }),
    deps.reports.latestFiling(union.code, month, { consistent: true }),
  ]);
  const figures = completeFigures(sumFigures(subtree.map((code) => own.get(unionMonthKey(code, month)) ?? {})));
  const filing = {
    unionCode: union.code,
    month,
    revision: (previous?.revision ?? 0) + 1,
    filedAt: now.toISOString(),
    filedBy: caller.staffId,
    figures,
  };
  try {
    await deps.reports.file(filing);
  } catch (error) {
    if (error instanceof FilingConflict) {
      throw new AppError('CONFLICT', {
        zh: `${month}的第${error.revision}版月报刚刚已被他人报送，请刷新报表后重新报送。`,
        en: `Revision ${error.revision} of ${month} was filed meanwhile; reload the report and file again.`,
      });
    }
    throw error;
  }
  return {
    union: { code: union.code, name: union.name },
    month,
    revision: filing.revision,
    filedAt: filing.filedAt,
    filedBy: filing.filedBy,
    ...figureBlock(figures),
    ...(previous
      ? {
          previous: { revision: previous.revision, filedAt: previous.filedAt, filedBy: previous.filedBy },
          difference: differenceOf(figures, previous.figures),
        }
      : {}),
  };
}

export interface Drift {
  readonly unionCode: string;
  readonly figure: string;
  /** What the union-month counter holds. */
  readonly counted: number;
  /** What the case records add up to. */
  readonly recomputed: number;
}

export interface ReconciliationReport {
  readonly union: string;
  readonly month: string;
  readonly unionsChecked: number;
  readonly casesRead: number;
  readonly drift: readonly Drift[];
}

/**
 * Recomputes a subtree's figures for one month from the case records and
 * compares them with the counters. Reads the cases active in the month (those
 * that contribute to it: registered, closed, overdue, called back or rated
 * then, whenever they were registered), found through the activity index the
 * case transactions keep, so its cost follows the month's activity, not the
 * province's history; still offline, never on a request path. Counters and
 * recomputation come from the same function (figures.ts), so drift can only
 * mean a write that bypassed the case transaction. A case change committed
 * while it runs may show as drift that the next run no longer sees.
 */
export async function reconcile(
  deps: ReconcileDependencies,
  request: { readonly union: string; readonly month: string },
): Promise<ReconciliationReport> {
  const directory = await deps.unions.directory();
  const union = directory.get(request.union);
  if (!union) throw new AppError('NOT_FOUND', { zh: `没有代码为${request.union}的工会。`, en: `No union ${request.union}.` });
  const { month } = request;
  const unionCodes = directory.subtreeOf(union.code);
  const inSubtree = new Set(unionCodes.map((code) => unionMonthKey(code, month)));

  const recomputed = new Map<string, Figures>();
  let casesRead = 0;
  for await (const page of deps.cases.casesActiveIn(unionCodes, month)) {
    casesRead += page.length;
    for (const [key, figures] of recompute(page)) {
      // A case read here may count elsewhere too (other months; a union it was transferred to, outside the subtree).
      if (!inSubtree.has(key)) continue;
      recomputed.set(key, sumFigures([recomputed.get(key) ?? {}, figures]));
    }
  }

  const counted = await deps.reports.figures(unionCodes, [month], { consistent: true });
  const drift: Drift[] = [];
  for (const unionCode of unionCodes) {
    const key = unionMonthKey(unionCode, month);
    const stored = counted.get(key) ?? {};
    const expected = recomputed.get(key) ?? {};
    for (const figure of Object.keys(differenceOf(stored, expected))) {
      drift.push({ unionCode, figure, counted: stored[figure] ?? 0, recomputed: expected[figure] ?? 0 });
    }
  }
  return { union: union.code, month, unionsChecked: unionCodes.length, casesRead, drift };
}

/** The scheduled reconciliation: every province's subtree (so every union) for one month. */
export async function reconcileAll(deps: ReconcileDependencies, month: string): Promise<ReconciliationReport[]> {
  const directory = await deps.unions.directory();
  const provinces = directory.all().filter((union) => union.parentCode === null);
  const reports: ReconciliationReport[] = [];
  for (const province of provinces) reports.push(await reconcile(deps, { union: province.code, month }));
  return reports;
}
