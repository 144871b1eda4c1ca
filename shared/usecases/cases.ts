import {
  canSeeCase,
  seesContactDetails,
  staffActor,
  type CaseRecord,
  type ContactDetails,
  type TimelineEvent,
} from '../domain/cases.js';
import {
  checkIntakeDates,
  planRegistration,
  registrationContext,
  responsibleUnion,
  type IntakeInput,
  type RegistrationPlan,
} from '../domain/registration.js';
import { AppError } from '../domain/errors.js';
import { chinaDate } from '../domain/china-time.js';
import { maskPhoneNumber } from '../domain/masking.js';
import type { Caller } from '../domain/roles.js';
import { type CaseLookupRow, type CaseRow, type IdempotencyMarker } from '../domain/records.js';
import { IdempotencyKeyTaken } from '../domain/conflicts.js';
import type { CaseStatus, Category, RequestKind } from '../domain/vocabulary.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type CursorQuery } from './cursor.js';
import { autoAssignUrgentHotlineCase } from './auto-assign.js';
import { visibleCase } from './case-access.js';
import type { Dependencies, PageCursors, PhoneHashing } from './dependencies.js';
import { logger } from '../observability/logger.js';

/** A case as one caller may see it: contact details only for roles that need them. */
export interface VisibleCase {
  readonly caseRecord: CaseRecord;
  readonly unionName: string;
  readonly contact?: ContactDetails;
}

/**
 * Registers a call in the responsible union of the caller's subtree (see
 * planRegistration).
 *
 * With an Idempotency-Key (hashed and scoped to the operator at the edge,
 * `staffRegistrationIdempotency`), the registration transaction writes a
 * permanent marker, as online filing does, so the key creates at most one
 * case however late a retry comes: a retry after an answer that never
 * arrived (a timeout after the commit) gets the case it created, and the
 * same key with another body is refused.
 */
export async function registerCase(
  deps: Dependencies & PhoneHashing,
  caller: Caller,
  input: IntakeInput,
  idempotency?: RegistrationIdempotency,
): Promise<VisibleCase> {
  const now = deps.now();
  checkIntakeDates(input, now);
  if (idempotency) {
    const marker = await deps.cases.idempotencyMarker(idempotency.keyHash);
    if (marker) return registeredBefore(deps, marker, idempotency.payloadHash);
  }
  const directory = await deps.unions.directory();
  const unionCode = responsibleUnion(directory, input.regionCode, caller);
  const caseId = deps.newId();
  const phoneHash = await deps.hashPhone(input.complainant.mobile);
  let plan: RegistrationPlan;
  try {
    plan = await deps.cases.register(unionCode, chinaDate(now), (sequence) => ({
      ...planRegistration(
        input,
        registrationContext(directory, unionCode, {
          caseId,
          sequence,
          phoneHash,
          now,
          actor: staffActor(caller, 'operator'),
          newEventId: deps.newId,
        }),
      ),
      ...(idempotency ? { idempotency } : {}),
    }));
  } catch (error) {
    // A concurrent request with the same key won the race to the marker.
    if (error instanceof IdempotencyKeyTaken && idempotency) return registeredBefore(deps, error.marker, idempotency.payloadHash);
    throw error;
  }
  const caseRecord = await assignIfUrgent(deps, plan.caseRecord);
  return { caseRecord, unionName: directory.nameOf(unionCode), contact: plan.contact };
}

/**
 * Automatic assignment of a case already stored. Its failure (e.g. the store
 * throttling) must not turn a registered case into an error: the operator
 * would register the call again. The case then waits where triage put it,
 * for the legal department, and the answer says so.
 */
async function assignIfUrgent(deps: Dependencies, caseRecord: CaseRecord): Promise<CaseRecord> {
  try {
    return await autoAssignUrgentHotlineCase(deps, caseRecord);
  } catch (error) {
    logger.error('automatic assignment failed; the case waits for the legal department', {
      caseId: caseRecord.caseId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return caseRecord;
  }
}

export function registrationKeyReused(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', {
    zh: '该 Idempotency-Key 已用于另一次登记，新的来电请使用新的 Key。',
    en: 'This Idempotency-Key was already used for a different registration. Use a new key for a new call.',
  });
}

export type RegistrationIdempotency = NonNullable<RegistrationPlan['idempotency']>;

/**
 * The case an Idempotency-Key already created, answered as its registration
 * was. Automatic assignment runs again: if the first request was cut off
 * after its transaction, this finishes its work (it does nothing to a case
 * already assigned or moved on).
 */
async function registeredBefore(deps: Dependencies, marker: IdempotencyMarker, payloadHash: string): Promise<VisibleCase> {
  if (marker.payloadHash !== payloadHash) throw registrationKeyReused();
  const [stored, contact, directory] = await Promise.all([
    deps.cases.get(marker.caseId),
    deps.cases.getContact(marker.caseId),
    deps.unions.directory(),
  ]);
  if (!stored || !contact) throw new Error(`idempotency marker points at missing case ${marker.caseId}`);
  const caseRecord = await assignIfUrgent(deps, stored);
  return { caseRecord, unionName: directory.nameOf(caseRecord.unionCode), contact };
}

export async function getCase(deps: Dependencies, caller: Caller, caseId: string): Promise<VisibleCase> {
  const [caseRecord, directory] = await Promise.all([visibleCase(deps, caller, caseId), deps.unions.directory()]);
  const contact = seesContactDetails(caller, caseRecord) ? await deps.cases.getContact(caseId) : undefined;
  if (contact) {
    // Every disclosure of personal details is on the record (PIPL): who saw them, when.
    await deps.cases.appendEvent({
      caseId,
      eventId: deps.newId(),
      seq: 1,
      at: deps.now().toISOString(),
      type: 'contact_viewed',
      actor: staffActor(caller),
      data: {},
    });
  }
  return {
    caseRecord,
    unionName: directory.nameOf(caseRecord.unionCode),
    ...(contact ? { contact } : {}),
  };
}

export async function getTimeline(deps: Dependencies, caller: Caller, caseId: string): Promise<TimelineEvent[]> {
  await visibleCase(deps, caller, caseId);
  return deps.cases.timeline(caseId);
}

export interface CaseListRequest {
  readonly status?: CaseStatus;
  readonly category?: Category;
  readonly kind?: RequestKind;
  readonly month?: string;
  readonly overdue?: 'true';
  readonly limit?: number;
  readonly cursor?: string;
}

/** One page of the caller's union subtree, newest first, as rows (never contact details). */
export async function listCases(
  deps: Dependencies & PageCursors,
  caller: Caller,
  request: CaseListRequest,
): Promise<{ items: CaseRow[]; nextCursor?: string }> {
  const cursorQuery: CursorQuery = {
    name: 'listCases',
    bindings: {
      unionCode: caller.unionCode,
      status: request.status,
      category: request.category,
      kind: request.kind,
      month: request.month,
      overdue: request.overdue,
    },
  };
  const after = request.cursor ? decodeCursor(await deps.cursorKey(), cursorQuery, request.cursor) : undefined;
  const directory = await deps.unions.directory();
  const page = await deps.cases.list({
    unionCode: caller.unionCode,
    level: directory.levelOf(caller.unionCode),
    ...(request.status ? { status: request.status } : {}),
    ...(request.category ? { category: request.category } : {}),
    ...(request.kind ? { kind: request.kind } : {}),
    ...(request.month ? { month: request.month } : {}),
    ...(request.overdue ? { overdueOnly: true } : {}),
    limit: request.limit ?? DEFAULT_PAGE_SIZE,
    ...(after ? { after } : {}),
  });
  return {
    items: page.items,
    ...(page.next ? { nextCursor: encodeCursor(await deps.cursorKey(), cursorQuery, page.next) } : {}),
  };
}

/** A repeat caller's earlier cases within the caller's subtree, newest first. */
export async function lookupCaller(
  deps: Dependencies & PhoneHashing,
  caller: Caller,
  phone: string,
): Promise<{ phoneMasked: string; cases: CaseLookupRow[] }> {
  const rows = await deps.cases.findByPhoneHash(await deps.hashPhone(phone));
  return { phoneMasked: maskPhoneNumber(phone), cases: rows.filter((row) => canSeeCase(caller, row)) };
}
