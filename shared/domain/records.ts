import type { CaseRecord } from './cases.js';
import type { CurrentClock } from './deadlines.js';
import type { Figures } from './figures.js';
import type { DivisionLevel } from './identifiers.js';
import type { StaffProfile } from './roster.js';
import type { CaseStatus, Category, RequestKind } from './vocabulary.js';

/**
 * The records and answers that the use cases and the store exchange: the
 * shapes the ports (usecases/ports.ts) speak in. The store implements the
 * ports; neither side knows the other's module.
 */

export interface CaseListQuery {
  readonly unionCode: string;
  readonly level: DivisionLevel;
  readonly status?: CaseStatus;
  readonly category?: Category;
  readonly kind?: RequestKind;
  /** `YYYY-MM`, China time. */
  readonly month?: string;
  /** Only cases the sweeper found overdue. */
  readonly overdueOnly?: boolean;
  readonly limit: number;
  /** Sort key of the last case on the previous page. */
  readonly after?: string;
}

/** The fields of a case that a list, pool or transfer page shows. */
export const CASE_ROW_FIELDS = [
  'caseId',
  'caseNumber',
  'unionCode',
  'unionPath',
  'kind',
  'channel',
  'category',
  'status',
  'priority',
  'route',
  'pool',
  'owner',
  'transfer',
  'complainant',
  'employer',
  'workersInvolved',
  'amountClaimedFen',
  'registeredAt',
  'outcome',
  'closedAt',
  'overdueAt',
] as const satisfies readonly (keyof CaseRecord)[];

/**
 * A case as a list, pool or transfer page shows it, with the clock that
 * matters now: what the list indexes hold of it (see CASE_ROW_PROJECTION),
 * never the whole case.
 */
export type CaseRow = Pick<CaseRecord, (typeof CASE_ROW_FIELDS)[number]> & { readonly currentClock?: CurrentClock };

export interface CasePage {
  readonly items: CaseRow[];
  /** Sort key to continue from, absent on the last page. */
  readonly next?: string;
}

/** A summary row of the caller look-up index (only the projected attributes). */
export type CaseLookupRow = Pick<
  CaseRecord,
  'caseId' | 'caseNumber' | 'unionCode' | 'unionPath' | 'kind' | 'channel' | 'category' | 'status' | 'registeredAt' | 'outcome'
>;

/** The permanent record that a registration's Idempotency-Key created a case. */
export interface IdempotencyMarker {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly payloadHash: string;
}

/** The employer's running alert: which alert new complaints join, and since when it counts. */
export interface AlertPointer {
  readonly alertId: string;
  readonly raisedAt: string;
  /** The earliest complaint the alert covers. */
  readonly windowFrom: string;
  readonly lastComplaintAt: string;
}

export interface InboxEntry {
  readonly alertId: string;
  readonly raisedAt: string;
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: string;
}

export interface CaseNumberEntry {
  readonly caseId: string;
  readonly accessCodeHash?: string;
}

/** Whose attempts a guard counts: one client's (by source address), or one case number's. */
export type AttemptGuard = { readonly client: string } | { readonly caseNumber: string };

/** How many attempts a guard lets through per fixed window. */
export interface AttemptPolicy {
  readonly limit: number;
  readonly windowMs: number;
}

/** An attempt counted in the window that began at `windowStartedAt`, or refused until `retryAt` (epoch ms). */
export type Admission =
  { readonly admitted: true; readonly windowStartedAt: number } | { readonly admitted: false; readonly retryAt: number };

/** A filed monthly report: the subtree's figures as the legal department filed them, one revision of many. */
export interface ReportFiling {
  readonly unionCode: string;
  /** `YYYY-MM`, China time. */
  readonly month: string;
  /** 1 for the first filing, then one more per corrected resubmission. */
  readonly revision: number;
  readonly filedAt: string;
  /** Staff id of the legal-department member who filed it. */
  readonly filedBy: string;
  /** The subtree roll-up as filed. */
  readonly figures: Figures;
}

/**
 * A change to a staff member's count of active cases, written in the same
 * transaction as the case's transition: taking a case counts against
 * capacity (unless a legal department overrides it), giving one up frees it.
 */
export type CaseloadChange =
  | { readonly take: StaffProfile; readonly beyondCapacity?: boolean }
  | { readonly giveUp: { readonly provinceCode: string; readonly staffId: string } };
