/** The domain's Chinese labels, from the same table the API answers with (one vocabulary, no copies). */
export {
  CATEGORIES,
  CASE_STATUSES,
  CHANNELS,
  OUTCOMES,
  REQUEST_KINDS,
  STAFF_CHANNELS,
  TIMELINE_EVENT_TYPES,
} from '../../../shared/domain/vocabulary.js';
export { CASE_ACTIONS, type CaseAction } from '../../../shared/domain/lifecycle.js';
export type { Role } from '../../../shared/domain/roles.js';

export const ROLE_LABELS = {
  operator: '12351坐席',
  lawyer: '志愿律师',
  mediator: '调解员',
  legal_admin: '法律部',
} as const;

export const PRIORITY_LABELS = { urgent: '紧急', priority: '优先', ordinary: '普通' } as const;

/** Options for a Select from a label table. */
export function optionsOf<T extends Record<string, string>>(table: T, only?: readonly (keyof T)[]) {
  return (Object.keys(table) as (keyof T & string)[])
    .filter((value) => !only || only.includes(value))
    .map((value) => ({ value, label: table[value] }));
}
