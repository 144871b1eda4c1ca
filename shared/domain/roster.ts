import { canSeeCase, type CaseRecord } from './cases.js';
import { poolForRole } from './triage.js';
import type { Category } from './vocabulary.js';
import type { Phrase } from './errors.js';

/** A volunteer lawyer or labour-dispute mediator on a union's roster. */
export interface StaffProfile {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: 'lawyer' | 'mediator';
  readonly unionCode: string;
  readonly unionPath: readonly string[];
  /** Dispute categories they take. */
  readonly categories: readonly Category[];
  /** Most cases they work at once. */
  readonly capacity: number;
  /** Cases they work now (maintained in the same transactions as claims and releases). */
  readonly activeCases: number;
  /** ISO weekdays they are on duty (1 = Monday … 7 = Sunday). */
  readonly dutyWeekdays: readonly number[];
  /** Extra duty dates, `YYYY-MM-DD`. */
  readonly dutyDates: readonly string[];
  /** Unified social credit codes of employers they must not act against (conflict of interest). */
  readonly conflicts: readonly string[];
  readonly active: boolean;
  readonly updatedAt: string;
}

export type Ineligibility =
  'case_outside_union' | 'inactive' | 'wrong_pool' | 'category_not_taken' | 'conflict_of_interest' | 'at_capacity';

/** Why someone may not take a case, said of them (the subject is their name, or "you"). */
const EXPLANATIONS: Record<Ineligibility, Phrase> = {
  case_outside_union: {
    zh: '看不到本案：案件不在其所在工会的管辖范围内',
    en: 'cannot see this case: it is outside their union’s area',
  },
  inactive: { zh: '在名册中处于停用状态', en: 'is not active on the roster' },
  wrong_pool: {
    zh: '不办理此类案件（律师从律师案件池认领，调解员从调解案件池认领）',
    en: 'does not work this kind of case (lawyers take the lawyer pool, mediators the mediation pool)',
  },
  category_not_taken: { zh: '不承办该类别的案件', en: 'does not take cases of this category' },
  conflict_of_interest: { zh: '已申报与该用人单位存在利益冲突', en: 'has a declared conflict of interest with this employer' },
  at_capacity: { zh: '在办案件已达其承办上限', en: 'already works as many cases as their capacity allows' },
};

/** A staff id the caller's roster does not hold (or must not reveal). */
export const NOT_ON_ROSTER: Phrase = { zh: '您的名册中没有这名律师或调解员。', en: 'No such lawyer or mediator on your roster.' };

export function explain(reason: Ineligibility): Phrase {
  return EXPLANATIONS[reason];
}

/**
 * Why a staff member may not take a case, if they may not. A legal
 * department may override the rules in OVERRIDABLE_RULES, naming each, with
 * a reason; the rest never.
 */
export function ineligibility(
  staff: StaffProfile,
  caseRecord: Pick<CaseRecord, 'category' | 'employer' | 'pool' | 'unionPath'>,
): Ineligibility[] {
  const reasons: Ineligibility[] = [];
  if (!canSeeCase(staff, caseRecord)) reasons.push('case_outside_union');
  if (!staff.active) reasons.push('inactive');
  if (caseRecord.pool && poolForRole(staff.role) !== caseRecord.pool) reasons.push('wrong_pool');
  if (!staff.categories.includes(caseRecord.category)) reasons.push('category_not_taken');
  const creditCode = caseRecord.employer?.creditCode;
  if (creditCode && staff.conflicts.includes(creditCode)) reasons.push('conflict_of_interest');
  if (staff.activeCases >= staff.capacity) reasons.push('at_capacity');
  return reasons;
}

/**
 * The rules a legal department's assignment may override, each by name. The
 * pool is not among them because an assignment does not go through a pool;
 * whether the person can see the case, and is active, are never waived.
 */
export const OVERRIDABLE_RULES = [
  'category_not_taken',
  'conflict_of_interest',
  'at_capacity',
] as const satisfies readonly Ineligibility[];
export type OverridableRule = (typeof OVERRIDABLE_RULES)[number];

export function isOverridable(reason: Ineligibility): reason is OverridableRule {
  return (OVERRIDABLE_RULES as readonly Ineligibility[]).includes(reason);
}

/** On duty on a China-local date (`YYYY-MM-DD`). */
export function onDuty(staff: Pick<StaffProfile, 'dutyWeekdays' | 'dutyDates' | 'active'>, localDate: string): boolean {
  if (!staff.active) return false;
  const weekday = ((new Date(`${localDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return staff.dutyDates.includes(localDate) || staff.dutyWeekdays.includes(weekday);
}

/**
 * The lawyer to give an urgent case to today: on duty, eligible, with the most
 * room left (fewest active cases for their capacity), ties broken by id so the
 * choice is reproducible.
 */
export function dutyLawyerFor(
  roster: readonly StaffProfile[],
  caseRecord: Pick<CaseRecord, 'category' | 'employer' | 'unionCode' | 'unionPath'>,
  localDate: string,
): StaffProfile | undefined {
  return roster
    .filter((staff) => staff.role === 'lawyer' && staff.unionCode === caseRecord.unionCode && onDuty(staff, localDate))
    .filter((staff) => ineligibility(staff, { ...caseRecord, pool: undefined }).length === 0)
    .sort((a, b) => a.activeCases / a.capacity - b.activeCases / b.capacity || a.staffId.localeCompare(b.staffId))[0];
}
