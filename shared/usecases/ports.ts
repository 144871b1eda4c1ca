import type { CaseRecord, ContactDetails, TimelineEvent } from '../domain/cases.js';
import type { EarlyWarningAlert, EmployerComplaint } from '../domain/early-warning.js';
import type { Figures } from '../domain/figures.js';
import type { HolidayCalendar, LoadedCalendar } from '../domain/holiday-calendar.js';
import type { OutboxMessage } from '../domain/notifications.js';
import type {
  Admission,
  AlertPointer,
  AttemptGuard,
  AttemptPolicy,
  CaseListQuery,
  CaseLookupRow,
  CaseNumberEntry,
  CasePage,
  CaseRow,
  CaseloadChange,
  IdempotencyMarker,
  InboxEntry,
  ReportFiling,
} from '../domain/records.js';
import type { RegistrationPlan } from '../domain/registration.js';
import type { StaffProfile } from '../domain/roster.js';
import type { Transition } from '../domain/transition.js';
import type { Union, UnionDirectory } from '../domain/unions.js';

/**
 * The ports: what the use cases need from storage, declared here in the
 * domain's terms. The repositories of shared/store implement them and the
 * composition modules (shared/composition) plug them in, so a use case never
 * names a table, a key or an SDK error; a lost race reaches it as a typed
 * conflict (domain/conflicts.ts).
 */

/** Cases, their contact details and timelines; the only writer of a case item. */
export interface CaseStore {
  /** Writes a new case under the next case number of its union's day; throws IdempotencyKeyTaken for a used key. */
  register(unionCode: string, localDate: string, build: (sequence: number) => RegistrationPlan): Promise<RegistrationPlan>;
  get(caseId: string, options?: { consistent?: boolean }): Promise<CaseRecord | undefined>;
  idempotencyMarker(keyHash: string): Promise<IdempotencyMarker | undefined>;
  getContact(caseId: string): Promise<ContactDetails | undefined>;
  timeline(caseId: string): Promise<TimelineEvent[]>;
  list(query: CaseListQuery): Promise<CasePage>;
  /** Saves a transition under the version it was computed from, with the caseloads it changes; throws TransitionConflict. */
  saveTransition(previous: CaseRecord, transition: Transition, caseload?: readonly CaseloadChange[]): Promise<void>;
  appendEvent(event: TimelineEvent): Promise<void>;
  pool(unionCode: string, pool: string, limit: number): Promise<CaseRow[]>;
  dueCases(
    provinceCode: string,
    now: string,
    limit: number,
    after?: Record<string, unknown>,
  ): Promise<{ caseIds: string[]; next?: Record<string, unknown> }>;
  incomingTransfers(unionCode: string): Promise<CaseRow[]>;
  findByPhoneHash(phoneHash: string, limit?: number): Promise<CaseLookupRow[]>;
  casesActiveIn(unionCodes: readonly string[], month: string): AsyncGenerator<CaseRecord[]>;
}

/** The union directory, its holiday calendar and its provisioning. */
export interface UnionStore {
  directory(now?: number): Promise<UnionDirectory>;
  putCalendar(calendar: HolidayCalendar, options?: { keepExisting?: boolean }): Promise<void>;
  replaceCalendar(previous: LoadedCalendar | undefined, next: LoadedCalendar): Promise<boolean>;
  putAll(unions: readonly Union[]): Promise<void>;
}

/** The roster; `put` throws RosterConflict. */
export interface StaffStore {
  get(provinceCode: string, staffId: string): Promise<StaffProfile | undefined>;
  listProvince(provinceCode: string): Promise<StaffProfile[]>;
  provinceOf(staffId: string): Promise<string | undefined>;
  put(profile: StaffProfile, expected: { exists: boolean; activeCases: number }): Promise<void>;
}

/** What complainants do without an account: case-number reservations, attempt guards, idempotency markers. */
export interface PublicAccessStore {
  findCaseNumber(caseNumber: string): Promise<CaseNumberEntry | undefined>;
  replaceAccessCode(caseNumber: string, accessCodeHash: string): Promise<void>;
  admitAttempt(guard: AttemptGuard, now: number, policy: AttemptPolicy): Promise<Admission>;
  refundAttempt(guard: AttemptGuard, windowStartedAt: number): Promise<void>;
  idempotencyMarker(keyHash: string): Promise<IdempotencyMarker | undefined>;
}

/** The monthly figures and the filed reports; `file` throws FilingConflict. */
export interface ReportStore {
  figures(
    unionCodes: readonly string[],
    months: readonly string[],
    options?: { consistent?: boolean },
  ): Promise<Map<string, Figures>>;
  latestFiling(unionCode: string, month: string, options?: { consistent?: boolean }): Promise<ReportFiling | undefined>;
  file(filing: ReportFiling): Promise<void>;
}

/** Early warnings: employers' complaints, running alerts, the alerts and each legal department's list. */
export interface AlertStore {
  /** The first record of a complaint wins: a replayed registration never undoes a transfer followed since. */
  recordComplaint(creditCode: string, complaint: EmployerComplaint): Promise<void>;
  /** Rewrites a complaint's entry where its case is now held. */
  moveComplaint(creditCode: string, complaint: EmployerComplaint): Promise<void>;
  complaintsSince(creditCode: string, since: string): Promise<EmployerComplaint[]>;
  pointer(creditCode: string): Promise<AlertPointer | undefined>;
  startAlert(creditCode: string, pointer: AlertPointer, runningSince: string): Promise<boolean>;
  saveAlert(alert: EarlyWarningAlert): Promise<void>;
  addToInbox(unionCode: string, alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>): Promise<void>;
  queueNotice(message: OutboxMessage): Promise<void>;
  inbox(unionCode: string, page: { limit: number; after?: string }): Promise<{ entries: InboxEntry[]; next?: string }>;
  removeFromInbox(unionCode: string, alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>): Promise<void>;
  get(alertId: string): Promise<EarlyWarningAlert | undefined>;
  getMany(alertIds: readonly string[]): Promise<EarlyWarningAlert[]>;
  acknowledge(
    unionCode: string,
    alert: Pick<EarlyWarningAlert, 'alertId' | 'raisedAt'>,
    by: string,
    at: string,
  ): Promise<boolean>;
}

/** Which outbox messages went out: a claim per message, so a retried stream record sends nothing twice. */
export interface DeliveryStore {
  claim(messageId: string, now: Date): Promise<'claimed' | 'sent' | 'in_flight'>;
  markSent(messageId: string, now: Date, outcome?: string): Promise<void>;
  release(messageId: string): Promise<void>;
}
