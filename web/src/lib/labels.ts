/** The domain's Chinese labels, from the same table the API answers with (one vocabulary, no copies). */
export {
  CATEGORIES,
  CASE_STATUSES,
  CHANNELS,
  MONEY_KINDS,
  OUTCOMES,
  REQUEST_KINDS,
  STAFF_CHANNELS,
  TIMELINE_EVENT_TYPES,
} from '../../../shared/domain/vocabulary.js';
export { CASE_ACTIONS, type CaseAction } from '../../../shared/domain/lifecycle.js';
export { CALL_DIRECTIONS } from '../../../shared/domain/hotline-calls.js';
export type { Role } from '../../../shared/domain/roles.js';
export { ROLE_LABELS } from '../../../shared/domain/roles.js';
import type { OverridableRule } from '../../../shared/domain/roster.js';

export const PRIORITY_LABELS = { urgent: '紧急', priority: '优先', ordinary: '普通' } as const;

/** The assignment rules a legal department may override, each ticked by name. */
export const OVERRIDE_RULE_LABELS: Record<OverridableRule, string> = {
  category_not_taken: '不承办该类别',
  conflict_of_interest: '与用人单位存在利益冲突',
  at_capacity: '在办案件已满',
};

/** Options for a Select from a label table. */
export function optionsOf<T extends Record<string, string>>(table: T, only?: readonly (keyof T)[]) {
  return (Object.keys(table) as (keyof T & string)[])
    .filter((value) => !only || only.includes(value))
    .map((value) => ({ value, label: table[value] }));
}
