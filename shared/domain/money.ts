import type { CaseRecord, MoneyEntry } from './cases.js';
import { AppError } from './errors.js';
import type { Category, MoneyKind } from './vocabulary.js';

/**
 * Money a case brought the worker, as a ledger of what was counted when.
 *
 * A closure states the case's amounts to date, by kind (the lawyer writes
 * what the worker has got in all); a `payment_received` entry states one
 * payment. Each is counted once, in the month it is recorded (a payment in
 * the month it was received): a closure adds only what the ledger does not
 * hold yet, so a reopened case closed again with the same totals counts
 * nothing twice, and money already counted stays counted even if a later
 * closure states less. The ledger lives on the case item, so the monthly
 * figures stay a pure function of the case record.
 */
export type { MoneyEntry };

/** Amounts by kind, integer fen. */
export type AmountsByKind = Partial<Record<MoneyKind, number>>;

/** The kind of a single recovered amount from a client that does not name it (the old `amountRecoveredFen`). */
const KIND_OF_CATEGORY: Partial<Record<Category, MoneyKind>> = {
  wage_arrears: 'wages',
  work_injury: 'injury_compensation',
  occupational_disease: 'injury_compensation',
  compensation: 'economic_compensation',
  social_insurance: 'social_insurance',
};

export function moneyKindOfCategory(category: Category): MoneyKind {
  return KIND_OF_CATEGORY[category] ?? 'other';
}

/**
 * The case's ledger. A case closed before the ledger existed has only its
 * closure's `amountRecoveredFen`: it reads as one entry at the closure, of the
 * kind its category implies, so old and new records count the same way.
 */
export function moneyLedgerOf(caseRecord: CaseRecord): readonly MoneyEntry[] {
  if (caseRecord.money) return caseRecord.money;
  if (!caseRecord.closedAt || !caseRecord.amountRecoveredFen) return [];
  return [
    {
      at: caseRecord.closedAt,
      basis: 'recovered',
      kind: moneyKindOfCategory(caseRecord.category),
      fen: caseRecord.amountRecoveredFen,
    },
  ];
}

/** Recovered money in the ledger, by kind. */
export function recoveredByKind(ledger: readonly MoneyEntry[]): AmountsByKind {
  const totals: Partial<Record<MoneyKind, number>> = {};
  for (const entry of ledger) if (entry.basis === 'recovered') totals[entry.kind] = (totals[entry.kind] ?? 0) + entry.fen;
  return totals;
}

const sum = (values: Iterable<number>): number => [...values].reduce((total, value) => total + value, 0);

/** The record's money fields after its ledger changed: totals kept beside the ledger for views and old clients. */
function withLedger(caseRecord: CaseRecord, ledger: readonly MoneyEntry[]): CaseRecord {
  const recovered = sum(Object.values(recoveredByKind(ledger)));
  return { ...caseRecord, money: ledger, ...(recovered > 0 ? { amountRecoveredFen: recovered } : {}) };
}

/** The amounts a closure states: by kind, or one old-style total whose kind the category implies; never both. */
export function closureAmounts(
  category: Category,
  closure: { readonly amountsRecoveredFen?: AmountsByKind; readonly amountRecoveredFen?: number },
): AmountsByKind | undefined {
  if (closure.amountsRecoveredFen && closure.amountRecoveredFen !== undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      {
        zh: '挽回金额请按类别填写或只填一个总额，不能两者都填。',
        en: 'Give the amounts recovered by kind, or one total, not both.',
      },
      [
        {
          path: 'amountRecoveredFen',
          message: {
            zh: '分类金额（amountsRecoveredFen）与总额（amountRecoveredFen）只能填一项',
            en: 'give amountsRecoveredFen (by kind) or amountRecoveredFen, not both',
          },
        },
      ],
    );
  }
  if (closure.amountsRecoveredFen) return closure.amountsRecoveredFen;
  if (closure.amountRecoveredFen !== undefined) return { [moneyKindOfCategory(category)]: closure.amountRecoveredFen };
  return undefined;
}

/**
 * A closure at `at` stating the case's totals to date: the ledger gains, per
 * kind, only what it does not hold yet (and the agreed amount likewise).
 */
export function countClosureMoney(
  caseRecord: CaseRecord,
  totals: { readonly recovered?: AmountsByKind; readonly agreedFen?: number },
  at: string,
): CaseRecord {
  const ledger = [...moneyLedgerOf(caseRecord)];
  const counted = recoveredByKind(ledger);
  for (const [kind, fen] of Object.entries(totals.recovered ?? {}) as [MoneyKind, number][]) {
    const uncounted = fen - (counted[kind] ?? 0);
    if (uncounted > 0) ledger.push({ at, basis: 'recovered', kind, fen: uncounted });
  }
  return withLedger(caseRecord, withAgreed(ledger, totals.agreedFen, at));
}

/** An agreement (or a closure) stating the amount agreed: counted once, the increase only if it grows. */
function withAgreed(ledger: MoneyEntry[], agreedFen: number | undefined, at: string): MoneyEntry[] {
  if (agreedFen === undefined) return ledger;
  const uncounted = agreedFen - sum(ledger.flatMap((entry) => (entry.basis === 'agreed' ? [entry.fen] : [])));
  return uncounted > 0 ? [...ledger, { at, basis: 'agreed', fen: uncounted }] : ledger;
}

/** A mediated agreement signed at `at` for `agreedFen` in all. */
export function countAgreement(caseRecord: CaseRecord, agreedFen: number, at: string): CaseRecord {
  return withLedger(caseRecord, withAgreed([...moneyLedgerOf(caseRecord)], agreedFen, at));
}

/** One payment received at `at`: counted as it is, in its month. */
export function countPayment(caseRecord: CaseRecord, kind: MoneyKind, fen: number, at: string): CaseRecord {
  return withLedger(caseRecord, [...moneyLedgerOf(caseRecord), { at, basis: 'recovered', kind, fen }]);
}
