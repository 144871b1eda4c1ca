import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/domain/errors.js';
import { allowedActions, authorize, CASE_ACTIONS, type CaseAction } from '../../../shared/domain/lifecycle.js';
import { ROLES, type Caller, type Role } from '../../../shared/domain/roles.js';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/vocabulary.js';
import { statusOf } from '../../../shared/http/error-status.js';
import { answerTo } from '../../support/refusal.js';

/**
 * The state machine's gate. Acceptance criterion: every transition in the
 * table is allowed for its roles and refused for the others. The matrix is
 * generated from CASE_ACTIONS and checked against the rule as the product
 * describes it (below, written independently of lifecycle.ts); a slice of
 * hand-written decisions pins the table itself, so a wrong table entry cannot
 * pass by being consistent with a wrong rule.
 */

const ACTIONS = Object.keys(CASE_ACTIONS) as CaseAction[];
const STATUSES = Object.keys(CASE_STATUSES) as CaseStatus[];
const OWNERSHIPS = ['caller', 'someone else', 'nobody'] as const;
type Ownership = (typeof OWNERSHIPS)[number];

const CALLER_ID = 'staff-caller';
const OTHER_ID = 'staff-other';

function callerWith(role: Role): Caller {
  return { staffId: CALLER_ID, username: `${role}-user`, roles: [role], unionCode: '210102' };
}

function caseIn(status: CaseStatus, ownership: Ownership) {
  if (ownership === 'nobody') return { status };
  return { status, owner: { staffId: ownership === 'caller' ? CALLER_ID : OTHER_ID } };
}

/** Lawyers and mediators act on a case only while they work it; the legal department and operators are not bound to cases. */
const BOUND_TO_OWN_CASES: readonly Role[] = ['lawyer', 'mediator'];

/** The rule as written in the brief: status in `from`, role in `roles`, and (ownerOnly, lawyer/mediator) owning the case. */
function expectedToAllow(action: CaseAction, status: CaseStatus, role: Role, ownership: Ownership): boolean {
  const rule: { from: readonly CaseStatus[]; roles: readonly Role[]; ownerOnly?: boolean } = CASE_ACTIONS[action];
  const ownsIfNeeded = !rule.ownerOnly || !BOUND_TO_OWN_CASES.includes(role) || ownership === 'caller';
  return rule.from.includes(status) && rule.roles.includes(role) && ownsIfNeeded;
}

type Decision = 'allowed' | 403 | 409;

function expectedDecision(action: CaseAction, status: CaseStatus, role: Role, ownership: Ownership): Decision {
  if (expectedToAllow(action, status, role, ownership)) return 'allowed';
  const rule: { from: readonly CaseStatus[]; roles: readonly Role[] } = CASE_ACTIONS[action];
  if (!rule.roles.includes(role)) return 403;
  if (!rule.from.includes(status)) return 409;
  return 403; // the status allows it, the role allows it, but not on somebody else's case
}

/** What `authorize` did: allowed, or the AppError it threw. */
function attempt(action: CaseAction, status: CaseStatus, role: Role, ownership: Ownership): 'allowed' | AppError {
  try {
    authorize(action, caseIn(status, ownership), callerWith(role));
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

const MATRIX = ACTIONS.flatMap((action) =>
  STATUSES.flatMap((status) =>
    ROLES.flatMap((role) =>
      OWNERSHIPS.map((ownership) => ({
        action,
        status,
        role,
        ownership,
        decision: expectedDecision(action, status, role, ownership),
      })),
    ),
  ),
);

describe('the transition matrix, generated from CASE_ACTIONS', () => {
  it('covers every action × status × role × ownership', () => {
    // Prepare / Act: the generated matrix.
    // Assess: 11 actions, 9 statuses, 4 roles, 3 ownerships, and at least one allowed cell per action a person takes.
    expect(MATRIX).toHaveLength(ACTIONS.length * STATUSES.length * ROLES.length * OWNERSHIPS.length);
    for (const action of ACTIONS.filter((candidate) => CASE_ACTIONS[candidate].roles.length > 0)) {
      expect(MATRIX.some((cell) => cell.action === action && cell.decision === 'allowed')).toBe(true);
    }
  });

  it.each(MATRIX)(
    '$action from $status by $role (owner: $ownership) → $decision',
    ({ action, status, role, ownership, decision }) => {
      // Prepare: a case in `status` owned by `ownership`, a caller with `role`.
      // Act
      const result = attempt(action, status, role, ownership);

      // Assess
      if (decision === 'allowed') {
        expect(result).toBe('allowed');
        expect(allowedActions(caseIn(status, ownership), callerWith(role))).toContain(action);
        return;
      }
      expect(result).toBeInstanceOf(AppError);
      const error = result as AppError;
      expect(statusOf(error)).toBe(decision);
      expect(allowedActions(caseIn(status, ownership), callerWith(role))).not.toContain(action);
      if (decision === 403) {
        expect(error.code).toBe('FORBIDDEN');
        return;
      }
      expect(error.code).toBe('INVALID_TRANSITION');
      // The refusal lists exactly what this caller could do with the case instead.
      const couldDo = ACTIONS.filter((candidate) => expectedToAllow(candidate, status, role, ownership));
      expect((error.details ?? []).map((detail) => detail.code)).toEqual(couldDo);
      expect((error.details ?? []).map((detail) => detail.code)).toEqual(
        allowedActions(caseIn(status, ownership), callerWith(role)),
      );
      expect(error.details?.every((detail) => detail.path === 'allowedActions')).toBe(true);
    },
  );
});

describe('the table itself, decided by hand', () => {
  it.each<[CaseAction, CaseStatus, Role, Ownership, Decision]>([
    // Closing: the owner, or the legal department; nobody else.
    ['close', 'in_progress', 'lawyer', 'caller', 'allowed'],
    ['close', 'in_progress', 'lawyer', 'someone else', 403],
    ['close', 'in_mediation', 'mediator', 'caller', 'allowed'],
    ['close', 'in_mediation', 'mediator', 'someone else', 403],
    ['close', 'in_progress', 'legal_admin', 'someone else', 'allowed'],
    ['close', 'in_progress', 'operator', 'someone else', 403],
    ['close', 'claimed', 'lawyer', 'caller', 'allowed'],
    ['close', 'in_pool', 'legal_admin', 'nobody', 'allowed'],
    ['close', 'triaged', 'legal_admin', 'nobody', 'allowed'],
    ['close', 'in_pool', 'lawyer', 'nobody', 403],
    ['close', 'registered', 'legal_admin', 'nobody', 409],
    ['close', 'closed', 'lawyer', 'caller', 409],
    ['close', 'transfer_pending', 'legal_admin', 'nobody', 409],
    // The call-back: operators and the legal department, once, after closure.
    ['follow_up', 'closed', 'operator', 'nobody', 'allowed'],
    ['follow_up', 'closed', 'legal_admin', 'someone else', 'allowed'],
    ['follow_up', 'closed', 'lawyer', 'caller', 403],
    ['follow_up', 'followed_up', 'operator', 'nobody', 409],
    ['follow_up', 'in_progress', 'operator', 'someone else', 409],
    // Reopening: the legal department only, from a concluded case.
    ['reopen', 'followed_up', 'legal_admin', 'nobody', 'allowed'],
    ['reopen', 'closed', 'legal_admin', 'someone else', 'allowed'],
    ['reopen', 'followed_up', 'operator', 'nobody', 403],
    ['reopen', 'followed_up', 'lawyer', 'caller', 403],
    ['reopen', 'followed_up', 'mediator', 'caller', 403],
    ['reopen', 'in_progress', 'legal_admin', 'someone else', 409],
    // Claiming: lawyers and mediators, from the pool only.
    ['claim', 'in_pool', 'lawyer', 'nobody', 'allowed'],
    ['claim', 'in_pool', 'mediator', 'nobody', 'allowed'],
    ['claim', 'claimed', 'lawyer', 'someone else', 409],
    ['claim', 'claimed', 'lawyer', 'caller', 409],
    ['claim', 'in_pool', 'legal_admin', 'nobody', 403],
    ['claim', 'in_pool', 'operator', 'nobody', 403],
    // Releasing: only the one who works it.
    ['release', 'claimed', 'lawyer', 'caller', 'allowed'],
    ['release', 'in_mediation', 'mediator', 'caller', 'allowed'],
    ['release', 'claimed', 'lawyer', 'someone else', 403],
    ['release', 'claimed', 'legal_admin', 'someone else', 403],
    ['release', 'in_pool', 'lawyer', 'nobody', 409],
    // Recording work: the owner or the legal department, while the case is worked.
    ['record_work', 'claimed', 'mediator', 'caller', 'allowed'],
    ['record_work', 'in_progress', 'legal_admin', 'someone else', 'allowed'],
    ['record_work', 'in_progress', 'lawyer', 'someone else', 403],
    ['record_work', 'in_progress', 'operator', 'someone else', 403],
    ['record_work', 'in_pool', 'lawyer', 'nobody', 409],
    ['record_work', 'closed', 'lawyer', 'caller', 409],
    // Assigning and transferring: the legal department.
    ['assign', 'registered', 'legal_admin', 'nobody', 'allowed'],
    ['assign', 'in_progress', 'legal_admin', 'someone else', 'allowed'],
    ['assign', 'closed', 'legal_admin', 'someone else', 409],
    ['assign', 'in_pool', 'lawyer', 'nobody', 403],
    ['transfer', 'in_pool', 'legal_admin', 'nobody', 'allowed'],
    ['transfer', 'claimed', 'legal_admin', 'someone else', 409],
    ['accept_transfer', 'transfer_pending', 'legal_admin', 'nobody', 'allowed'],
    ['accept_transfer', 'transfer_pending', 'operator', 'nobody', 403],
    ['reject_transfer', 'in_pool', 'legal_admin', 'nobody', 409],
    // Escalation is the sweeper's alone.
    ['escalate', 'in_pool', 'legal_admin', 'nobody', 403],
    ['escalate', 'in_progress', 'lawyer', 'caller', 403],
  ])('%s from %s by %s (owner: %s) → %s', (action, status, role, ownership, decision) => {
    // Prepare / Act
    const result = attempt(action, status, role, ownership);

    // Assess
    if (decision === 'allowed') expect(result).toBe('allowed');
    else
      expect(answerTo(result)).toMatchObject({ status: decision, code: decision === 403 ? 'FORBIDDEN' : 'INVALID_TRANSITION' });
  });

  it.each<[string, CaseAction, CaseStatus, Role, Ownership, CaseAction[]]>([
    [
      'the legal department closing a closed case',
      'close',
      'closed',
      'legal_admin',
      'someone else',
      ['follow_up', 'reopen', 'log_call'],
    ],
    ['the owner closing a closed case', 'close', 'closed', 'lawyer', 'caller', []],
    // An operator can still log a call about it.
    ['an operator calling back an open case', 'follow_up', 'in_pool', 'operator', 'nobody', ['log_call']],
    ['a lawyer releasing a pool case', 'release', 'in_pool', 'lawyer', 'nobody', ['claim']],
    [
      'the legal department calling back a pool case',
      'follow_up',
      'in_pool',
      'legal_admin',
      'nobody',
      ['assign', 'transfer', 'close', 'log_call'],
    ],
    ['the owner claiming their own case', 'claim', 'in_progress', 'lawyer', 'caller', ['release', 'record_work', 'close']],
    [
      'the legal department transferring a pending transfer',
      'transfer',
      'transfer_pending',
      'legal_admin',
      'nobody',
      ['accept_transfer', 'reject_transfer', 'log_call'],
    ],
  ])('409 for %s lists what they can do instead', (_name, action, status, role, ownership, instead) => {
    // Prepare / Act
    const result = attempt(action, status, role, ownership);

    // Assess
    expect(answerTo(result)).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
    expect(((result as AppError).details ?? []).map((detail) => detail.code)).toEqual(instead);
    expect((result as AppError).message).toContain(instead.length > 0 ? instead.join(', ') : 'nothing you can do');
  });
});

describe('system-only actions', () => {
  const systemOnly = ACTIONS.filter((action) => CASE_ACTIONS[action].roles.length === 0);

  it('include escalation', () => {
    expect(systemOnly).toContain('escalate');
  });

  it.each(systemOnly.flatMap((action) => STATUSES.flatMap((status) => ROLES.map((role) => ({ action, status, role })))))(
    '$action from $status is refused to $role, even the owner',
    ({ action, status, role }) => {
      // Prepare / Act
      const result = attempt(action, status, role, 'caller');

      // Assess
      expect(answerTo(result)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(allowedActions(caseIn(status, 'caller'), callerWith(role))).not.toContain(action);
    },
  );
});

describe('callers with several roles', () => {
  it('may do what any of their roles may do', () => {
    // Prepare: an operator who is also in the legal department.
    const both: Caller = { ...callerWith('operator'), roles: ['operator', 'legal_admin'] };

    // Act / Assess
    expect(() => authorize('reopen', { status: 'closed' }, both)).not.toThrow();
    expect(() => authorize('follow_up', { status: 'closed' }, both)).not.toThrow();
    expect(allowedActions({ status: 'closed' }, both)).toEqual(['follow_up', 'reopen', 'log_call']);
  });
});
