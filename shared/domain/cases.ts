import type { LimitationCheck } from './clocks.js';
import type { Deadline } from './deadlines.js';
import type { LegalAidEligibility } from './legal-aid.js';
import type { Caller, Role } from './roles.js';
import type { Pool, Priority, Route } from './triage.js';
import type { CaseStatus, Category, Channel, MoneyKind, Outcome, RequestKind, TimelineEventType } from './vocabulary.js';

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
  /** Money actually recovered for the worker, integer fen: the total of `money`'s recovered entries. */
  readonly amountRecoveredFen?: number;
  /** What was recovered and agreed, counted when (see money.ts); absent on cases closed before it existed. */
  readonly money?: readonly MoneyEntry[];
  /** Money agreed in mediation, integer fen (mediated agreement or closure). */
  readonly amountAgreedFen?: number;
  /** The arbitration the case went to, as the owner records it. */
  readonly arbitration?: {
    readonly filedOn: string;
    readonly acceptedOn?: string;
    readonly extended?: boolean;
    readonly awardedOn?: string;
    readonly amountAwardedFen?: number;
    /** When the award was served on the worker: the periods to challenge it run from here (Arts. 48–50). */
    readonly servedOn?: string;
    /** A final award (终局裁决, Art. 47): the employer can only apply to set it aside (Art. 49). */
    readonly finalAward?: boolean;
  };
  /** A work-injury case's accident or diagnosis date, from which Art. 17's recognition periods run. */
  readonly workInjury?: { readonly accidentOn?: string; readonly diagnosedOn?: string };
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
  /** Closures a reopening set aside, oldest first: their figures stay in the months they were reported in. */
  readonly earlierClosures?: readonly EarlierClosure[];
  /** A legal-aid application's financial-hardship decision (Legal Aid Law Art. 42). */
  readonly legalAidEligibility?: LegalAidEligibility;
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

/** A closure as it stood when the case was reopened, with what was counted of it. */
export interface EarlierClosure {
  readonly outcome: Outcome;
  readonly closedAt: string;
  /** Whether every accountable clock was met, as the closure was counted. */
  readonly onTime: boolean;
  /** The handling time the closure counted (from receipt, or from the reopening before it). */
  readonly secondsToClose: number;
  /** When the case first went overdue, as counted then (a reopening restarts the completion target). */
  readonly overdueSince?: string;
  readonly followUp?: FollowUp;
  readonly feedback?: CaseRecord['feedback'];
  readonly reopenedAt: string;
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

/** One amount a case brought the worker, counted once when it is recorded (see money.ts). */
export type MoneyEntry =
  | { readonly at: string; readonly basis: 'recovered'; readonly kind: MoneyKind; readonly fen: number }
  | { readonly at: string; readonly basis: 'agreed'; readonly fen: number };
