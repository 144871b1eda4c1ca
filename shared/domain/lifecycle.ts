import { AppError } from './errors.js';
import type { Caller, Role } from './roles.js';
import { CASE_STATUSES, type CaseStatus } from './vocabulary.js';

/**
 * The case state machine, as one table. Every action a person (or the
 * system) can take on a case names the statuses it may start from and the
 * roles allowed to take it; `authorize` is the only gate, and a refusal lists
 * what the caller could do next instead. Routes take their allowed roles from
 * here, so the API and the state machine cannot disagree.
 *
 *   registered → triaged ─┬─ in_pool ── claimed ─┬─ in_progress ──┐
 *                         │   (mediation/lawyer) └─ in_mediation ─┤
 *                         └─ (legal department) ── assigned ──────┤
 *                                                                 ▼
 *      transfer_pending (from any unowned open status)         closed → followed_up
 *                                                                 │  reopen ↺
 */
export interface ActionRule {
  readonly label: string;
  readonly from: readonly CaseStatus[];
  /** Roles allowed to take the action; empty for actions only the system takes. */
  readonly roles: readonly Role[];
  /** Lawyers and mediators may take the action only on a case they work; legal departments on any in their area. */
  readonly ownerOnly?: boolean;
  /** Where the case goes (documentation; the transition functions decide). */
  readonly to: string;
}

/** Statuses of a case still being handled. */
export const OPEN_STATUSES = [
  'registered',
  'triaged',
  'in_pool',
  'claimed',
  'in_progress',
  'in_mediation',
] as const satisfies readonly CaseStatus[];

/** Statuses in which someone works the case. */
const WORKED: readonly CaseStatus[] = ['claimed', 'in_progress', 'in_mediation'];
const CLOSED: readonly CaseStatus[] = ['closed', 'followed_up'];

export const CASE_ACTIONS = {
  claim: { label: '认领', from: ['in_pool'], roles: ['lawyer', 'mediator'], to: 'claimed' },
  release: { label: '退回', from: WORKED, roles: ['lawyer', 'mediator'], ownerOnly: true, to: 'in_pool or triaged' },
  assign: { label: '指派', from: OPEN_STATUSES, roles: ['legal_admin'], to: 'claimed' },
  transfer: { label: '转交', from: ['registered', 'triaged', 'in_pool'], roles: ['legal_admin'], to: 'transfer_pending' },
  accept_transfer: { label: '接收转交', from: ['transfer_pending'], roles: ['legal_admin'], to: 'in_pool or triaged' },
  reject_transfer: { label: '拒绝转交', from: ['transfer_pending'], roles: ['legal_admin'], to: 'the status before' },
  record_work: {
    label: '办理记录',
    from: WORKED,
    roles: ['lawyer', 'mediator', 'legal_admin'],
    ownerOnly: true,
    to: 'in_progress or in_mediation',
  },
  close: {
    label: '办结',
    from: ['triaged', 'in_pool', ...WORKED],
    roles: ['lawyer', 'mediator', 'legal_admin'],
    ownerOnly: true,
    to: 'closed',
  },
  follow_up: { label: '回访', from: ['closed'], roles: ['operator', 'legal_admin'], to: 'followed_up' },
  reopen: { label: '重新办理', from: CLOSED, roles: ['legal_admin'], to: 'in_pool or triaged' },
  log_call: {
    label: '记录来电',
    from: [...OPEN_STATUSES, 'transfer_pending', ...CLOSED],
    roles: ['operator', 'legal_admin'],
    to: 'unchanged',
  },
  escalate: { label: '超期督办', from: [...OPEN_STATUSES, 'transfer_pending'], roles: [], to: 'unchanged' },
} as const satisfies Record<string, ActionRule>;

export type CaseAction = keyof typeof CASE_ACTIONS;

/** Roles whose members act on a case only while they work it. */
const CASE_WORKERS: readonly Role[] = ['lawyer', 'mediator'];

interface CaseState {
  readonly status: CaseStatus;
  readonly owner?: { readonly staffId: string };
}

function mayTake(action: CaseAction, caseRecord: CaseState, caller: Caller): boolean {
  const rule: ActionRule = CASE_ACTIONS[action];
  if (!rule.from.includes(caseRecord.status)) return false;
  return caller.roles.some(
    (role) =>
      rule.roles.includes(role) &&
      (!rule.ownerOnly || !CASE_WORKERS.includes(role) || caseRecord.owner?.staffId === caller.staffId),
  );
}

/** What the caller could do with the case now. */
export function allowedActions(caseRecord: CaseState, caller: Caller): CaseAction[] {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((action) => mayTake(action, caseRecord, caller));
}

/**
 * The gate of every transition: 403 when the caller's role may never take
 * the action, or may only on a case they work; 409 with the allowed next
 * actions when the case's status does not allow it now.
 */
export function authorize(action: CaseAction, caseRecord: CaseState, caller: Caller): void {
  if (mayTake(action, caseRecord, caller)) return;
  const rule: ActionRule = CASE_ACTIONS[action];
  const permitted = caller.roles.filter((role) => rule.roles.includes(role));
  if (permitted.length === 0) {
    throw new AppError('FORBIDDEN', {
      zh: `您的角色不能对案件执行“${rule.label}”。`,
      en: `Your role cannot ${action.replaceAll('_', ' ')} a case.`,
    });
  }
  if (rule.from.includes(caseRecord.status)) {
    throw new AppError('FORBIDDEN', {
      zh: '只有承办本案的律师或调解员（或其法律部门）才能这样做。',
      en: 'Only the lawyer or mediator working this case (or its legal department) can do that.',
    });
  }
  const allowed = allowedActions(caseRecord, caller);
  throw new AppError(
    'INVALID_TRANSITION',
    {
      zh: `案件状态为“${CASE_STATUSES[caseRecord.status]}”，现在不能“${rule.label}”；${
        allowed.length > 0 ? `可以：${allowed.map((next) => CASE_ACTIONS[next].label).join('、')}` : '目前无可执行的操作'
      }。`,
      en: `The case is ${caseRecord.status}, so "${action}" is not possible now; ${
        allowed.length > 0 ? `you can: ${allowed.join(', ')}` : 'there is nothing you can do with it now'
      }.`,
    },
    allowed.map((next) => ({
      path: 'allowedActions',
      code: next,
      message: { zh: CASE_ACTIONS[next].label, en: next.replaceAll('_', ' ') },
    })),
  );
}
