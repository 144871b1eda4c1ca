import { chinaDate } from './china-time.js';
import { registrationDeadlines, type ClockRules } from './case-clocks.js';
import { limitationCheck, type LimitationCheck } from './clocks.js';
import type { Deadline } from './deadlines.js';
import { acknowledgement, type OutboxMessage } from './notifications.js';
import { AppError } from './errors.js';
import { maskMobile, maskName, maskResidentId } from './masking.js';
import type { Caller, Role } from './roles.js';
import type { UnionDirectory } from './unions.js';
import {
  COLLECTIVE_DISPUTE_WORKERS,
  DEFAULT_TRIAGE_CONFIG,
  poolOf,
  triage,
  type Pool,
  type Priority,
  type Route,
  type TriageConfig,
} from './triage.js';
import type { CaseStatus, Category, Channel, Outcome, RequestKind, TimelineEventType } from './vocabulary.js';

/** A case as the domain knows it. Personal details appear only masked here. */
export interface CaseRecord {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly unionCode: string;
  /** Union codes from the province down to `unionCode`. */
  readonly unionPath: readonly string[];
  readonly kind: RequestKind;
  readonly channel: Channel;
  readonly category: Category;
  readonly status: CaseStatus;
  /** From triage at registration (see triage.ts). */
  readonly priority: Priority;
  readonly route: Route;
  /** The pool the case waits in while claimable, by the role that works it. */
  readonly pool?: Pool;
  /** The lawyer or mediator working the case (one owner or none, never two). */
  readonly owner?: { readonly staffId: string; readonly role: Role; readonly since: string };
  /** A transfer to another union awaiting its answer; the sending union stays accountable until then. */
  readonly transfer?: PendingTransfer;
  readonly regionCode: string;
  readonly complainant: {
    readonly nameMasked: string;
    readonly mobileMasked: string;
    readonly idNumberMasked?: string;
    readonly migrantWorker: boolean;
    readonly modelWorker: boolean;
    readonly womanWorker: boolean;
  };
  /** Keyed hash of the mobile number, for repeat-caller look-up. */
  readonly phoneHash: string;
  readonly employer?: { readonly name: string; readonly creditCode?: string };
  readonly description: string;
  readonly workersInvolved: number;
  /** ≥ 10 workers with a common claim (Art. 7). */
  readonly collective: boolean;
  readonly amountClaimedFen?: number;
  readonly occurredOn?: string;
  readonly employmentEndedOn?: string;
  readonly receivedAt: string;
  readonly registeredAt: string;
  readonly registeredBy: Actor;
  readonly outcome?: Outcome;
  readonly closedAt?: string;
  /** Money actually recovered for the worker, integer fen (closure). */
  readonly amountRecoveredFen?: number;
  /** Money agreed in mediation, integer fen (mediated agreement or closure). */
  readonly amountAgreedFen?: number;
  /** The arbitration the case went to, as the owner records it. */
  readonly arbitration?: {
    readonly filedOn: string;
    readonly acceptedOn?: string;
    readonly extended?: boolean;
    readonly awardedOn?: string;
    readonly amountAwardedFen?: number;
  };
  /** The union's call-back (回访) after closure. */
  readonly followUp?: FollowUp;
  /** The complainant's satisfaction rating, given once after closure. */
  readonly feedback?: { readonly score: number; readonly comment?: string; readonly at: string };
  /** How many supplements the complainant has added (capped). */
  readonly supplementCount?: number;
  /** The clocks that apply to the case (see deadlines.ts and clocks.ts). */
  readonly deadlines?: readonly Deadline[];
  /** When an accountable clock was first missed: the case counts as overdue from then. */
  readonly overdueAt?: string;
  /** The last time staff worked the case; the claim-idle clock runs from here. */
  readonly lastActivityAt?: string;
  /** The one-year limitation period for arbitration as seen at intake (Art. 27). */
  readonly limitation?: LimitationCheck;
  /** How many times the case was reopened after closure. */
  readonly reopenCount?: number;
  /** 12351 calls about the case after it was registered, counted by China month (see hotline-calls.ts). */
  readonly hotlineCalls?: Readonly<Record<string, HotlineCallTally>>;
  /** Optimistic-concurrency version; 1 when registered. */
  readonly version: number;
}

/** Calls in one month: from the worker (来电) and back to them (去电). */
export interface HotlineCallTally {
  readonly inbound?: number;
  readonly outbound?: number;
}

export interface FollowUp {
  readonly at: string;
  readonly by: string;
  /** Whether the worker was reached; an unanswered call-back is still recorded. */
  readonly reached: boolean;
  /** 1 (very dissatisfied) to 5 (very satisfied), when the worker answered. */
  readonly satisfaction?: number;
  readonly note?: string;
}

export interface PendingTransfer {
  readonly fromUnion: string;
  readonly toUnion: string;
  /** The receiving union's path, so its subtree sees the case while it decides. */
  readonly toUnionPath: readonly string[];
  readonly reason: string;
  readonly requestedAt: string;
  readonly requestedBy: string;
  /** Status to return to if the receiver rejects. */
  readonly previousStatus: CaseStatus;
}

/** The complainant's full personal details, stored apart from the case. */
export interface ContactDetails {
  readonly caseId: string;
  readonly name: string;
  readonly mobile: string;
  readonly idNumber?: string;
}

export type Actor =
  | { readonly kind: 'staff'; readonly staffId: string; readonly role: Role }
  | { readonly kind: 'complainant' }
  | { readonly kind: 'system' };

/** A staff member as the actor of an event, in the role they acted in (their first role unless given). */
export function staffActor(caller: Caller, role: Role = caller.roles[0]!): Actor & { kind: 'staff' } {
  return { kind: 'staff', staffId: caller.staffId, role };
}

/** An immutable timeline entry; corrections are new events. */
export interface TimelineEvent {
  readonly caseId: string;
  readonly eventId: string;
  /** Order within the case: events written together share `at`. */
  readonly seq: number;
  readonly at: string;
  readonly type: TimelineEventType;
  readonly actor: Actor;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface IntakeInput {
  readonly kind: RequestKind;
  readonly channel: Channel;
  readonly category: Category;
  readonly regionCode: string;
  readonly complainant: {
    readonly name: string;
    readonly mobile: string;
    readonly idNumber?: string;
    readonly migrantWorker: boolean;
    readonly modelWorker: boolean;
    readonly womanWorker: boolean;
  };
  readonly employer?: { readonly name: string; readonly creditCode?: string };
  readonly description: string;
  readonly workersInvolved: number;
  readonly amountClaimedFen?: number;
  readonly occurredOn?: string;
  readonly employmentEndedOn?: string;
  readonly receivedAt?: string;
  readonly answeredOnCall?: { readonly advice: string };
}

/** How far ahead of the server clock a client's `receivedAt` may be (clock skew). */
const RECEIVED_AT_SKEW_MS = 5 * 60 * 1000;

/**
 * Decides which union a new case belongs to and checks that the registering
 * staff member may register there: the responsible union is the deepest one
 * whose area covers the region, and it must lie in the caller's subtree.
 */
export function responsibleUnion(directory: UnionDirectory, regionCode: string, caller: Caller): string {
  const union = directory.responsibleFor(regionCode);
  if (!union) {
    throw new AppError('REGION_NOT_SERVED', `No union on Weiquan serves region ${regionCode}.`, [
      { path: 'regionCode', message: 'no union serves this region' },
    ]);
  }
  if (!directory.isWithin(union.code, caller.unionCode)) {
    throw new AppError(
      'REGION_OUTSIDE_SUBTREE',
      `Region ${regionCode} belongs to ${union.name} (${union.code}), outside your union's area.`,
      [{ path: 'regionCode', message: 'outside your union’s area; transfer the caller to the responsible union' }],
    );
  }
  return union.code;
}

/** Date checks that need "now": nothing a worker reports can lie in the future. */
export function checkIntakeDates(input: IntakeInput, now: Date): void {
  const today = chinaDate(now);
  const issues = [];
  if (input.occurredOn && input.occurredOn > today) issues.push({ path: 'occurredOn', message: 'cannot be in the future' });
  if (input.employmentEndedOn && input.employmentEndedOn > today) {
    issues.push({ path: 'employmentEndedOn', message: 'cannot be in the future' });
  }
  if (input.receivedAt && new Date(input.receivedAt).getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) {
    issues.push({ path: 'receivedAt', message: 'cannot be in the future' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'Some dates lie in the future.', issues);
}

/** `<unionCode>-<YYYYMMDD>-<NNNN>`, e.g. 210102-20261121-0007; more digits past 9999. */
export function formatCaseNumber(unionCode: string, localDate: string, sequence: number): string {
  return `${unionCode}-${localDate.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

export interface RegistrationPlan {
  readonly caseRecord: CaseRecord;
  readonly contact: ContactDetails;
  readonly events: readonly TimelineEvent[];
  readonly outbox?: readonly OutboxMessage[];
  /** Hash of the complainant's access code (online filing), kept with the case-number reservation. */
  readonly accessCodeHash?: string;
  /** Online filing with an Idempotency-Key: a permanent marker makes the key create at most one case. */
  readonly idempotency?: { readonly keyHash: string; readonly payloadHash: string };
}

export interface RegistrationContext {
  readonly caseId: string;
  readonly unionCode: string;
  readonly unionPath: readonly string[];
  readonly sequence: number;
  readonly phoneHash: string;
  readonly now: Date;
  /** Staff logging a call, or the complainant filing online. */
  readonly actor: Actor;
  readonly newEventId: () => string;
  /** The responsible union's triage configuration (defaults when it has none). */
  readonly triageConfig?: TriageConfig;
  /** The responsible union's clocks (calendar and completion targets). */
  readonly clockRules: ClockRules;
  /** For the complainant's acknowledgement. */
  readonly unionName: string;
}

/** Where a triage route leaves a new case. */
function statusAfterTriage(route: Route): CaseStatus {
  if (route === 'closed') return 'closed';
  return poolOf(route) ? 'in_pool' : 'triaged';
}

/**
 * Everything a registration writes, decided without I/O: the case, its
 * contact details, and its first timeline events (a consultation answered on
 * the call gets its answer as a second event and is closed at once).
 */
export function planRegistration(input: IntakeInput, context: RegistrationContext): RegistrationPlan {
  const { now, caseId, actor } = context;
  const at = now.toISOString();
  const answered = input.answeredOnCall !== undefined;
  const decision = triage(
    {
      kind: input.kind,
      category: input.category,
      workersInvolved: input.workersInvolved,
      migrantWorker: input.complainant.migrantWorker,
      modelWorker: input.complainant.modelWorker,
      answeredOnCall: answered,
    },
    context.triageConfig ?? DEFAULT_TRIAGE_CONFIG,
  );
  const pool = poolOf(decision.route.value);
  const draft: CaseRecord = {
    caseId,
    caseNumber: formatCaseNumber(context.unionCode, chinaDate(now), context.sequence),
    unionCode: context.unionCode,
    unionPath: context.unionPath,
    kind: input.kind,
    channel: input.channel,
    category: input.category,
    status: statusAfterTriage(decision.route.value),
    priority: decision.priority.value,
    route: decision.route.value,
    ...(pool ? { pool } : {}),
    regionCode: input.regionCode,
    complainant: {
      nameMasked: maskName(input.complainant.name),
      mobileMasked: maskMobile(input.complainant.mobile),
      ...(input.complainant.idNumber ? { idNumberMasked: maskResidentId(input.complainant.idNumber) } : {}),
      migrantWorker: input.complainant.migrantWorker,
      modelWorker: input.complainant.modelWorker,
      womanWorker: input.complainant.womanWorker,
    },
    phoneHash: context.phoneHash,
    ...(input.employer ? { employer: input.employer } : {}),
    description: input.description,
    workersInvolved: input.workersInvolved,
    collective: input.workersInvolved >= COLLECTIVE_DISPUTE_WORKERS,
    ...(input.amountClaimedFen !== undefined ? { amountClaimedFen: input.amountClaimedFen } : {}),
    ...(input.occurredOn ? { occurredOn: input.occurredOn } : {}),
    ...(input.employmentEndedOn ? { employmentEndedOn: input.employmentEndedOn } : {}),
    receivedAt: input.receivedAt ? new Date(input.receivedAt).toISOString() : at,
    registeredAt: at,
    registeredBy: actor,
    ...(answered ? { outcome: 'advice_given' as const, closedAt: at } : {}),
    version: 1,
  };
  const limitation = limitationCheck({
    category: input.category,
    receivedAt: draft.receivedAt,
    calendar: context.clockRules.calendar,
    ...(input.occurredOn ? { occurredOn: input.occurredOn } : {}),
    ...(input.employmentEndedOn ? { employmentEndedOn: input.employmentEndedOn } : {}),
  });
  const caseRecord: CaseRecord = {
    ...draft,
    limitation,
    ...(draft.status === 'closed' ? {} : { deadlines: registrationDeadlines(draft, context.clockRules) }),
  };
  const events: TimelineEvent[] = [
    {
      caseId,
      eventId: context.newEventId(),
      seq: 1,
      at,
      type: 'registered',
      actor,
      data: {
        caseNumber: caseRecord.caseNumber,
        unionCode: caseRecord.unionCode,
        kind: caseRecord.kind,
        channel: caseRecord.channel,
        category: caseRecord.category,
      },
    },
  ];
  events.push({
    caseId,
    eventId: context.newEventId(),
    seq: 2,
    at,
    type: 'triaged',
    actor: { kind: 'system' },
    data: {
      priority: decision.priority.value,
      priorityRule: decision.priority.rule,
      priorityInputs: decision.priority.inputs,
      route: decision.route.value,
      routeRule: decision.route.rule,
      routeInputs: decision.route.inputs,
    },
  });
  if (LIMITATION_WARNINGS.includes(limitation.status)) {
    events.push({
      caseId,
      eventId: context.newEventId(),
      seq: events.length + 1,
      at,
      type: 'limitation_warning',
      actor: { kind: 'system' },
      data: { ...limitation },
    });
  }
  if (input.answeredOnCall) {
    events.push({
      caseId,
      eventId: context.newEventId(),
      seq: events.length + 1,
      at,
      type: 'answered_on_call',
      actor,
      data: { advice: input.answeredOnCall.advice, outcome: 'advice_given' },
    });
  }
  return {
    caseRecord,
    contact: {
      caseId,
      name: input.complainant.name,
      mobile: input.complainant.mobile,
      ...(input.complainant.idNumber ? { idNumber: input.complainant.idNumber } : {}),
    },
    events,
    outbox: [acknowledgement(caseRecord, context.unionName, { now, newEventId: context.newEventId })],
  };
}

/** Limitation states worth a warning on the timeline (and to the operator at intake). */
const LIMITATION_WARNINGS: readonly LimitationCheck['status'][] = ['may_have_run', 'runs_soon'];

/** Roles that work with the complainant directly and need their full contact details. */
const ROLES_SEEING_CONTACT_DETAILS: readonly Role[] = ['operator', 'legal_admin'];

export function seesContactDetails(caller: Caller, caseRecord?: Pick<CaseRecord, 'owner'>): boolean {
  if (caseRecord?.owner?.staffId === caller.staffId) return true;
  return caller.roles.some((role) => ROLES_SEEING_CONTACT_DETAILS.includes(role));
}

/**
 * Whether the caller may see a case at all: it must lie in their union's
 * subtree, or, while a transfer to their subtree awaits an answer, in the
 * receiving union's (both unions see a pending transfer). The same rule
 * decides who may be made responsible for a case (see roster.ts): nobody
 * owns a case they could not open.
 */
export function canSeeCase(
  caller: Pick<Caller, 'unionCode'>,
  caseRecord: Pick<CaseRecord, 'unionPath'> & { transfer?: Pick<PendingTransfer, 'toUnionPath'> },
): boolean {
  return (
    caseRecord.unionPath.includes(caller.unionCode) || (caseRecord.transfer?.toUnionPath.includes(caller.unionCode) ?? false)
  );
}
