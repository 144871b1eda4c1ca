import { afterOwnerLeaves, afterTakenBy, type ClockRules } from './case-clocks.js';
import { staffActor, type CaseRecord } from './cases.js';
import { AppError, joinPhrases, type Phrase } from './errors.js';
import { authorize } from './lifecycle.js';
import type { Caller } from './roles.js';
import { explain, ineligibility, isOverridable, type Ineligibility, type OverridableRule, type StaffProfile } from './roster.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';
import type { Union } from './unions.js';

/**
 * Dispatch transitions: claim, release, assign, transfer. Pure: each takes
 * the case as read and returns its next state (version + 1) and the events to
 * write; the store writes them only if nobody changed the case meanwhile.
 * Who may take which action from which status is lifecycle.ts's table.
 */

/** The case worked by `staff` from now on; their clocks start (first response met, idle and mediation clocks). */
function ownedBy(
  caseRecord: CaseRecord,
  staff: Pick<StaffProfile, 'staffId' | 'role'>,
  moment: Moment,
  rules: ClockRules,
  taken: { fromPool: boolean; bySystem?: boolean },
): CaseRecord {
  const since = moment.now.toISOString();
  const owned: CaseRecord = {
    ...caseRecord,
    status: 'claimed',
    owner: { staffId: staff.staffId, role: staff.role, since },
    version: caseRecord.version + 1,
  };
  return afterTakenBy(owned, { role: staff.role, ...taken }, moment.now, rules);
}

export interface SystemAssignChange {
  readonly caseRecord: CaseRecord;
  readonly lawyer: Pick<StaffProfile, 'staffId' | 'role'>;
  readonly rule: string;
  readonly moment: Moment;
  readonly rules: ClockRules;
}

/**
 * The system assigns a case by a union's own rule (an urgent hotline case to
 * the lawyer on duty); the rule and the lawyer go on the timeline, and the
 * worker's first-response clock keeps running until the lawyer acts.
 */
export function systemAssign({ caseRecord, lawyer, rule, moment, rules }: SystemAssignChange): Transition {
  return {
    next: ownedBy(caseRecord, lawyer, moment, rules, { fromPool: false, bySystem: true }),
    events: [
      event(
        caseRecord,
        'assigned',
        { kind: 'system' },
        { staffId: lawyer.staffId, role: lawyer.role, rule, previousOwner: caseRecord.owner?.staffId ?? null },
        moment,
      ),
    ],
  };
}

export interface ClaimChange {
  readonly caseRecord: CaseRecord;
  readonly staff: StaffProfile;
  readonly caller: Caller;
  readonly moment: Moment;
  readonly rules: ClockRules;
}

/** A lawyer or mediator takes a case from their union's pool. */
export function claim({ caseRecord, staff, caller, moment, rules }: ClaimChange): Transition {
  // A lost race lands here too; who holds the case is not the claimer's business.
  authorize('claim', caseRecord, caller);
  const reasons = ineligibility(staff, caseRecord);
  if (reasons.includes('at_capacity')) {
    throw new AppError('CONFLICT', {
      zh: `您在办案件已有${staff.activeCases}件，达到承办上限；请先退回或办结一件。`,
      en: `You already work ${staff.activeCases} cases, your capacity; release or close one first.`,
    });
  }
  if (reasons.length > 0) {
    const why = explained(reasons);
    throw new AppError('UNPROCESSABLE', { zh: `您不能认领本案：${why.zh}。`, en: `You cannot take this case: you ${why.en}.` });
  }
  return {
    next: ownedBy(caseRecord, staff, moment, rules, { fromPool: true }),
    events: [event(caseRecord, 'claimed', staffActor(caller), { pool: caseRecord.pool }, moment)],
  };
}

export interface ReleaseChange {
  readonly caseRecord: CaseRecord;
  readonly caller: Caller;
  readonly reason: string;
  readonly moment: Moment;
}

/** The owner gives a case back, with a reason; it returns to the pool it came from (or the legal department). */
export function release({ caseRecord, caller, reason, moment }: ReleaseChange): Transition {
  authorize('release', caseRecord, caller);
  const { owner: _owner, ...rest } = caseRecord;
  return {
    next: afterOwnerLeaves({ ...rest, status: caseRecord.pool ? 'in_pool' : 'triaged', version: caseRecord.version + 1 }),
    events: [event(caseRecord, 'released', staffActor(caller), { reason, pool: caseRecord.pool ?? null }, moment)],
  };
}

/** A legal department's decision to assign despite the named rules, and why; the timeline keeps both. */
export interface AssignmentOverride {
  readonly rules: readonly OverridableRule[];
  readonly reason: string;
}

/** Several reasons in one sentence, in each language. */
function explained(reasons: readonly Ineligibility[]): Phrase {
  return joinPhrases(reasons.map(explain), { zh: '；', en: '; ' });
}

/** Where a broken rule is reported: the person chosen, or the override that would have to name it. */
function assignmentRefusal(staff: StaffProfile, blocking: readonly Ineligibility[]): AppError {
  const mayBeOverridden = blocking.every(isOverridable);
  const why = explained(blocking);
  const hint = mayBeOverridden
    ? {
        zh: `如仍要指派，请说明理由并豁免：${blocking.join('、')}。`,
        en: ` To assign anyway, override ${blocking.join(', ')} with a reason.`,
      }
    : { zh: '', en: '' };
  return new AppError(
    'UNPROCESSABLE',
    { zh: `${staff.displayName}${why.zh}。${hint.zh}`, en: `${staff.displayName} ${why.en}.${hint.en}` },
    blocking.map((reason) => ({
      path: isOverridable(reason) ? 'override.rules' : 'staffId',
      code: reason,
      message: isOverridable(reason)
        ? { zh: `${explain(reason).zh}；未豁免`, en: `${explain(reason).en}; not overridden` }
        : explain(reason),
    })),
  );
}

export interface AssignChange {
  readonly caseRecord: CaseRecord;
  readonly staff: StaffProfile;
  readonly caller: Caller;
  readonly override?: AssignmentOverride;
  readonly moment: Moment;
  readonly rules: ClockRules;
}

/**
 * A legal department assigns (or reassigns) a case. Capacity, conflicts of
 * interest and categories are honoured unless an override names the rule and
 * gives a reason, which the timeline keeps; an override waives only the rules
 * it names. Nobody inactive, and nobody who could not see the case, is ever
 * assigned.
 */
export function assign({
  caseRecord,
  staff,
  caller,
  override,
  moment,
  rules,
}: AssignChange): Transition & { overridden: OverridableRule[] } {
  authorize('assign', caseRecord, caller);
  if (caseRecord.owner?.staffId === staff.staffId)
    throw new AppError('CONFLICT', { zh: '案件已指派给此人。', en: 'The case is already assigned to this person.' });
  const waived = new Set<Ineligibility>(override?.rules ?? []);
  const reasons = ineligibility(staff, { ...caseRecord, pool: undefined });
  const blocking = reasons.filter((reason) => !waived.has(reason));
  if (blocking.length > 0) throw assignmentRefusal(staff, blocking);
  const overridden = reasons.filter(isOverridable);
  return {
    next: ownedBy(afterOwnerLeaves(caseRecord), staff, moment, rules, { fromPool: false }),
    events: [
      event(
        caseRecord,
        'assigned',
        staffActor(caller),
        {
          staffId: staff.staffId,
          role: staff.role,
          previousOwner: caseRecord.owner?.staffId ?? null,
          ...(override && overridden.length > 0
            ? { override: { reason: override.reason, rules: override.rules, overridden } }
            : {}),
        },
        moment,
      ),
    ],
    overridden,
  };
}

export interface RequestTransferChange {
  readonly caseRecord: CaseRecord;
  readonly target: Union;
  readonly targetPath: readonly string[];
  readonly caller: Caller;
  readonly reason: string;
  readonly moment: Moment;
}

/** 转交: a legal department hands a case to another union; until it accepts, the sender stays accountable. */
export function requestTransfer({ caseRecord, target, targetPath, caller, reason, moment }: RequestTransferChange): Transition {
  if (caseRecord.transfer)
    throw new AppError('CONFLICT', {
      zh: `已有转交至${caseRecord.transfer.toUnion}的申请待接收。`,
      en: `A transfer to ${caseRecord.transfer.toUnion} is already pending.`,
    });
  authorize('transfer', caseRecord, caller);
  if (target.code === caseRecord.unionCode) {
    throw new AppError('UNPROCESSABLE', { zh: '案件已属于该工会。', en: 'The case already belongs to that union.' }, [
      { path: 'toUnion', message: { zh: '请选择其他工会', en: 'choose another union' } },
    ]);
  }
  const requestedAt = moment.now.toISOString();
  return {
    next: {
      ...caseRecord,
      status: 'transfer_pending',
      transfer: {
        fromUnion: caseRecord.unionCode,
        toUnion: target.code,
        toUnionPath: targetPath,
        reason,
        requestedAt,
        requestedBy: caller.staffId,
        previousStatus: caseRecord.status,
      },
      version: caseRecord.version + 1,
    },
    events: [
      event(
        caseRecord,
        'transfer_requested',
        staffActor(caller),
        { fromUnion: caseRecord.unionCode, toUnion: target.code, reason },
        moment,
      ),
    ],
  };
}

export interface DecideTransferChange {
  readonly caseRecord: CaseRecord;
  readonly caller: Caller;
  readonly decision: { accept: true } | { accept: false; reason: string };
  readonly moment: Moment;
}

/** The receiving union's legal department accepts (the case becomes theirs, number unchanged) or rejects (it goes back, with the reason). */
export function decideTransfer({ caseRecord, caller, decision, moment }: DecideTransferChange): Transition {
  const transfer = caseRecord.transfer;
  authorize(decision.accept ? 'accept_transfer' : 'reject_transfer', caseRecord, caller);
  if (!transfer)
    throw new AppError('CONFLICT', { zh: '本案没有待答复的转交。', en: 'This case has no transfer awaiting an answer.' });
  if (!transfer.toUnionPath.includes(caller.unionCode)) {
    throw new AppError('FORBIDDEN', {
      zh: '只有接收方工会的法律部门才能答复此转交。',
      en: 'Only the receiving union’s legal department can answer this transfer.',
    });
  }
  const { transfer: _pending, ...rest } = caseRecord;
  const actor = staffActor(caller);
  if (decision.accept) {
    return {
      next: {
        ...rest,
        unionCode: transfer.toUnion,
        unionPath: transfer.toUnionPath,
        status: caseRecord.pool ? 'in_pool' : 'triaged',
        version: caseRecord.version + 1,
      },
      events: [
        event(caseRecord, 'transfer_accepted', actor, { fromUnion: transfer.fromUnion, toUnion: transfer.toUnion }, moment),
      ],
    };
  }
  return {
    next: { ...rest, status: transfer.previousStatus, version: caseRecord.version + 1 },
    events: [
      event(
        caseRecord,
        'transfer_rejected',
        actor,
        { fromUnion: transfer.fromUnion, toUnion: transfer.toUnion, reason: decision.reason },
        moment,
      ),
    ],
  };
}
