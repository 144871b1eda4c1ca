import type { CaseRecord, EarlierClosure } from './cases.js';
import { chinaMonth } from './china-time.js';
import { everyClockMet, overdueSince } from './deadlines.js';
import { moneyLedgerOf } from './money.js';
import { isSatisfied } from './public-case.js';
import { CATEGORIES, CHANNELS, MONEY_KINDS, OUTCOMES, REQUEST_KINDS, isCaseKind } from './vocabulary.js';

/**
 * The monthly report's figures, as a pure function of case records.
 *
 * Each case contributes to the figures of its union in the month it was
 * registered (what was opened), closed (outcome, money, time taken), first
 * went overdue (an accountable clock's due time passed unmet), followed up,
 * rated at the call-back, and rated by the worker online (two measures, kept apart), and in each month a 12351 call about it was logged (a hotline
 * registration is itself an answered call). A case change
 * moves the figures by `figureDeltas(before, after)`, which the store adds to
 * the union-month counters in the same transaction as the change; the
 * reconciliation recomputes the same contributions from the case records.
 * Both sides use this one function, so "drift" can only come from a write
 * that bypassed the transaction, never from two definitions disagreeing.
 *
 * Cases (受理案件: complaints, legal-aid applications, petitions) and
 * consultations are counted apart: `opened`, the case flags and amounts, and
 * everything about closing (closed, on time, days to close, money, outcome)
 * are over cases only, so consultations answered on the call cannot make the
 * on-time rate and the days to close look better than the casework is.
 * Consultations count when registered and when answered, with how many were
 * answered on the call itself. Suggestions count only in the breakdowns, which
 * are over every registration.
 *
 * Money counts in the month it is recorded (see money.ts): recovered money by
 * kind and in total, amounts agreed apart. Reopening rewrites no month: the
 * closure it sets aside (outcome, on time, time taken, call-back, rating)
 * stays where it was counted, the reopening counts in its own month, and a
 * later closure counts as a closure of its own, its time taken from the
 * reopening. Legal-aid applications exempt from the hardship test count when
 * registered.
 *
 * Figures belong to the union the case belongs to now: a transfer moves a
 * case's figures, in every month, to the union that accepted it.
 */

/** The counted figures, with the Chinese headers a legal department files. */
export const COUNTED_FIGURES = {
  callsAnswered: '12351来电接听',
  callsMade: '12351去电',
  consultations: '咨询',
  consultationsAnswered: '咨询解答',
  answeredOnCall: '其中当场解答',
  opened: '受理案件',
  workersInvolved: '涉及职工人数',
  collective: '集体争议案件',
  migrantWorker: '农民工案件',
  womanWorker: '女职工案件',
  modelWorker: '劳模案件',
  amountClaimedFen: '诉求金额（分）',
  closed: '办结案件',
  closedOnTime: '按期办结',
  secondsToClose: '办结用时合计（秒）',
  amountRecoveredFen: '挽回金额（分）',
  amountAgreedFen: '协议金额（分）',
  reopened: '重新办理',
  legalAidExempt: '法律援助免予经济困难审查',
  overdue: '超期案件',
  followUps: '回访',
  rated: '回访评价',
  satisfied: '回访满意',
  ratedOnline: '职工网上评价',
  satisfiedOnline: '网上评价满意',
} as const;
export type CountedFigure = keyof typeof COUNTED_FIGURES;

/** Breakdowns, each a family of figures `<family>.<value>` (e.g. `category.wage_arrears`). */
export const BREAKDOWNS = {
  channel: { label: '受理渠道', values: CHANNELS },
  kind: { label: '诉求类型', values: REQUEST_KINDS },
  category: { label: '争议类别', values: CATEGORIES },
  outcome: { label: '办结结果', values: OUTCOMES },
  /** Recovered money (fen) by kind; the kinds add up to amountRecoveredFen. */
  recoveredFen: { label: '挽回金额（分）', values: MONEY_KINDS },
} as const;
export type Breakdown = keyof typeof BREAKDOWNS;

/** Figure name → count (or fen, or seconds); absent means 0. */
export type Figures = Readonly<Record<string, number>>;

/** Every figure name, in report order: the counted figures, then each breakdown's values. */
export const FIGURE_NAMES: readonly string[] = [
  ...Object.keys(COUNTED_FIGURES),
  ...Object.entries(BREAKDOWNS).flatMap(([family, { values }]) => Object.keys(values).map((value) => `${family}.${value}`)),
];

/** The Chinese header of a figure name. */
export function figureLabel(name: string): string {
  const [family, value] = name.split('.') as [string, string | undefined];
  if (value === undefined) return COUNTED_FIGURES[family as CountedFigure];
  const breakdown = BREAKDOWNS[family as Breakdown];
  return `${breakdown.label}：${(breakdown.values as Record<string, string>)[value]}`;
}

export interface Contribution {
  readonly unionCode: string;
  /** `YYYY-MM`, China time. */
  readonly month: string;
  readonly figures: Figures;
}

const flag = (value: boolean): number => (value ? 1 : 0);
const monthOf = (instant: string): string => chinaMonth(new Date(instant));

/** What one case adds to its union's monthly figures, month by month. */
export function contributionsOf(caseRecord: CaseRecord): Contribution[] {
  const unionCode = caseRecord.unionCode;
  const isCase = isCaseKind(caseRecord.kind);
  const asCase = (value: number): number => (isCase ? value : 0);
  const contributions: Contribution[] = [
    {
      unionCode,
      month: monthOf(caseRecord.registeredAt),
      figures: {
        callsAnswered: flag(caseRecord.channel === 'hotline'),
        consultations: flag(caseRecord.kind === 'consultation'),
        opened: flag(isCase),
        workersInvolved: asCase(caseRecord.workersInvolved),
        collective: asCase(flag(caseRecord.collective)),
        migrantWorker: asCase(flag(caseRecord.complainant.migrantWorker)),
        womanWorker: asCase(flag(caseRecord.complainant.womanWorker)),
        modelWorker: asCase(flag(caseRecord.complainant.modelWorker)),
        amountClaimedFen: asCase(caseRecord.amountClaimedFen ?? 0),
        legalAidExempt: flag(caseRecord.legalAidEligibility?.basis === 'exempt'),
        [`channel.${caseRecord.channel}`]: 1,
        [`kind.${caseRecord.kind}`]: 1,
        [`category.${caseRecord.category}`]: 1,
      },
    },
  ];
  const closures: ClosureAsCounted[] = [...(caseRecord.earlierClosures ?? [])];
  if (caseRecord.closedAt && caseRecord.outcome) closures.push(currentClosure(caseRecord));
  for (const closure of closures) contributions.push(...closureContributions(caseRecord, closure));
  for (const closure of caseRecord.earlierClosures ?? []) {
    contributions.push({ unionCode, month: monthOf(closure.reopenedAt), figures: { reopened: asCase(1) } });
  }
  if (isCase) {
    for (const entry of moneyLedgerOf(caseRecord)) {
      const figures: Figures =
        entry.basis === 'agreed'
          ? { amountAgreedFen: entry.fen }
          : { amountRecoveredFen: entry.fen, [`recoveredFen.${entry.kind}`]: entry.fen };
      contributions.push({ unionCode, month: monthOf(entry.at), figures });
    }
  }
  // Overdue once per case, in the month it first went overdue, even if a reopening restarted the clock it missed.
  const overdue = [overdueSince(caseRecord.deadlines), ...closures.map((closure) => closure.overdueSince)]
    .filter((instant): instant is string => instant !== undefined)
    .sort()
    .at(0);
  if (overdue) contributions.push({ unionCode, month: monthOf(overdue), figures: { overdue: 1 } });
  for (const [month, tally] of Object.entries(caseRecord.hotlineCalls ?? {})) {
    contributions.push({ unionCode, month, figures: { callsAnswered: tally.inbound ?? 0, callsMade: tally.outbound ?? 0 } });
  }
  return contributions;
}

/** A closure with what was counted of it. */
export type ClosureAsCounted = Omit<EarlierClosure, 'reopenedAt'>;

/** The standing closure, as it counts now (and as a reopening will keep it). */
export function currentClosure(caseRecord: CaseRecord): ClosureAsCounted {
  const closedAt = caseRecord.closedAt!;
  // A second closure's handling ran from the reopening: the time before it was counted by the first.
  const handlingFrom = caseRecord.earlierClosures?.at(-1)?.reopenedAt ?? caseRecord.receivedAt;
  const overdue = overdueSince(caseRecord.deadlines);
  return {
    outcome: caseRecord.outcome!,
    closedAt,
    onTime: everyClockMet(caseRecord.deadlines),
    secondsToClose: Math.max(0, Math.round((Date.parse(closedAt) - Date.parse(handlingFrom)) / 1000)),
    ...(overdue ? { overdueSince: overdue } : {}),
    ...(caseRecord.followUp ? { followUp: caseRecord.followUp } : {}),
    ...(caseRecord.feedback ? { feedback: caseRecord.feedback } : {}),
  };
}

/** A closure's figures: the closing (cases) or answering (consultations), its call-back and the worker's rating. */
function closureContributions(caseRecord: CaseRecord, closure: ClosureAsCounted): Contribution[] {
  const { unionCode } = caseRecord;
  const contributions: Contribution[] = [];
  const month = monthOf(closure.closedAt);
  if (isCaseKind(caseRecord.kind)) {
    contributions.push({
      unionCode,
      month,
      figures: {
        closed: 1,
        closedOnTime: flag(closure.onTime),
        secondsToClose: closure.secondsToClose,
        [`outcome.${closure.outcome}`]: 1,
      },
    });
  }
  if (caseRecord.kind === 'consultation') {
    contributions.push({
      unionCode,
      month,
      // Registered already closed: the operator answered it during the call.
      figures: { consultationsAnswered: 1, answeredOnCall: flag(closure.closedAt === caseRecord.registeredAt) },
    });
  }
  const { followUp, feedback } = closure;
  if (followUp) contributions.push({ unionCode, month: monthOf(followUp.at), figures: { followUps: 1 } });
  // The union's call-back and the worker's own online rating are two measures, reported side by side: one never
  // replaces the other.
  if (followUp?.satisfaction !== undefined) {
    contributions.push({
      unionCode,
      month: monthOf(followUp.at),
      figures: { rated: 1, satisfied: flag(isSatisfied(followUp.satisfaction)) },
    });
  }
  if (feedback) {
    contributions.push({
      unionCode,
      month: monthOf(feedback.at),
      figures: { ratedOnline: 1, satisfiedOnline: flag(isSatisfied(feedback.score)) },
    });
  }
  return contributions;
}

/** `<unionCode>#<month>`, the key figures are grouped by. */
export function unionMonthKey(unionCode: string, month: string): string {
  return `${unionCode}#${month}`;
}

/** The union and month of a `unionMonthKey` (union codes and months hold no `#`). */
export function parseUnionMonthKey(key: string): { readonly unionCode: string; readonly month: string } {
  const separator = key.indexOf('#');
  return { unionCode: key.slice(0, separator), month: key.slice(separator + 1) };
}

/** Adds `figures × sign` into `totals` (mutating), dropping figures that come to zero. */
function accumulate(totals: Map<string, Record<string, number>>, contribution: Contribution, sign: 1 | -1): void {
  const key = unionMonthKey(contribution.unionCode, contribution.month);
  const row = totals.get(key) ?? {};
  for (const [name, value] of Object.entries(contribution.figures)) {
    const sum = (row[name] ?? 0) + sign * value;
    if (sum === 0) delete row[name];
    else row[name] = sum;
  }
  totals.set(key, row);
}

/**
 * How a change from `before` to `after` moves the figures, per union-month
 * (only non-zero figures; union-months with no change are left out). A new
 * case has no `before`.
 */
export function figureDeltas(before: CaseRecord | undefined, after: CaseRecord): Map<string, Record<string, number>> {
  const totals = new Map<string, Record<string, number>>();
  for (const contribution of contributionsOf(after)) accumulate(totals, contribution, 1);
  for (const contribution of before ? contributionsOf(before) : []) accumulate(totals, contribution, -1);
  for (const [key, row] of totals) if (Object.keys(row).length === 0) totals.delete(key);
  return totals;
}

/** Totals of many cases' contributions, per union-month: the reconciliation's recomputation. */
export function recompute(cases: Iterable<CaseRecord>): Map<string, Record<string, number>> {
  const totals = new Map<string, Record<string, number>>();
  for (const caseRecord of cases) for (const contribution of contributionsOf(caseRecord)) accumulate(totals, contribution, 1);
  return totals;
}

/** Figure-by-figure sum (the roll-up of a subtree). */
export function sumFigures(rows: Iterable<Figures>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const row of rows) for (const [name, value] of Object.entries(row)) sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

/** `a − b`, figure by figure, non-zero differences only (filed vs current). */
export function differenceOf(current: Figures, filed: Figures): Record<string, number> {
  const difference: Record<string, number> = {};
  for (const name of new Set([...Object.keys(current), ...Object.keys(filed)])) {
    const delta = (current[name] ?? 0) - (filed[name] ?? 0);
    if (delta !== 0) difference[name] = delta;
  }
  return difference;
}

/** Rates and averages derived from the counts; undefined when there is nothing to divide by. */
export interface DerivedFigures {
  /** Closed on time ÷ closed. */
  readonly onTimeRate?: number;
  readonly averageDaysToClose?: number;
  /** Satisfied ÷ rated, at the call-back. */
  readonly satisfactionRate?: number;
  /** SatisfiedOnline ÷ ratedOnline: the workers' own ratings. */
  readonly onlineSatisfactionRate?: number;
}

export const DERIVED_LABELS: Record<keyof DerivedFigures, string> = {
  onTimeRate: '按期办结率',
  averageDaysToClose: '平均办结天数',
  satisfactionRate: '回访满意率',
  onlineSatisfactionRate: '网上评价满意率',
};

const ratio = (numerator = 0, denominator = 0, digits = 4): number | undefined =>
  denominator > 0 ? Math.round((numerator / denominator) * 10 ** digits) / 10 ** digits : undefined;

export function derive(figures: Figures): DerivedFigures {
  const onTimeRate = ratio(figures.closedOnTime, figures.closed);
  const averageDaysToClose = ratio(figures.secondsToClose, (figures.closed ?? 0) * 86_400, 1);
  const satisfactionRate = ratio(figures.satisfied, figures.rated);
  const onlineSatisfactionRate = ratio(figures.satisfiedOnline, figures.ratedOnline);
  return {
    ...(onTimeRate !== undefined ? { onTimeRate } : {}),
    ...(averageDaysToClose !== undefined ? { averageDaysToClose } : {}),
    ...(satisfactionRate !== undefined ? { satisfactionRate } : {}),
    ...(onlineSatisfactionRate !== undefined ? { onlineSatisfactionRate } : {}),
  };
}
