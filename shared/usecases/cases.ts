import {
  canSeeCase,
  checkIntakeDates,
  planRegistration,
  responsibleUnion,
  seesContactDetails,
  staffActor,
  type CaseRecord,
  type ContactDetails,
  type IntakeInput,
  type TimelineEvent,
} from '../domain/cases.js';
import { chinaDate } from '../domain/china-time.js';
import { clockRulesOf, triageConfigOf } from '../domain/unions.js';
import { maskMobile } from '../domain/masking.js';
import type { Caller } from '../domain/roles.js';
import type { CaseLookupRow } from '../store/case-repository.js';
import type { CaseStatus, Category, RequestKind } from '../domain/vocabulary.js';
import { decodeCursor, encodeCursor, type CursorQuery } from './cursor.js';
import { autoAssignUrgentHotlineCase } from './auto-assign.js';
import { visibleCase } from './case-access.js';
import type { Dependencies, PageCursors, PhoneHashing } from './dependencies.js';

/** A case as one caller may see it: contact details only for roles that need them. */
export interface VisibleCase {
  readonly caseRecord: CaseRecord;
  readonly unionName: string;
  readonly contact?: ContactDetails;
}

/** Registers a call in the responsible union of the caller's subtree (see planRegistration). */
export async function registerCase(deps: Dependencies & PhoneHashing, caller: Caller, input: IntakeInput): Promise<VisibleCase> {
  const now = deps.now();
  checkIntakeDates(input, now);
  const directory = await deps.unions.directory();
  const unionCode = responsibleUnion(directory, input.regionCode, caller);
  const caseId = deps.newId();
  const phoneHash = await deps.hashPhone(input.complainant.mobile);
  const plan = await deps.cases.register(unionCode, chinaDate(now), (sequence) =>
    planRegistration(input, {
      caseId,
      unionCode,
      unionPath: directory.pathOf(unionCode),
      sequence,
      phoneHash,
      now,
      actor: staffActor(caller, 'operator'),
      newEventId: deps.newId,
      ...triageConfigOf(directory, unionCode),
      clockRules: clockRulesOf(directory, unionCode),
      unionName: directory.get(unionCode)?.name ?? unionCode,
    }),
  );
  const caseRecord = await autoAssignUrgentHotlineCase(deps, plan.caseRecord);
  return { caseRecord, unionName: directory.get(unionCode)?.name ?? unionCode, contact: plan.contact };
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
    unionName: directory.get(caseRecord.unionCode)?.name ?? caseRecord.unionCode,
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

export const DEFAULT_PAGE_SIZE = 25;

/** One page of the caller's union subtree, newest first; lists show contact details masked. */
export async function listCases(
  deps: Dependencies & PageCursors,
  caller: Caller,
  request: CaseListRequest,
): Promise<{ items: VisibleCase[]; nextCursor?: string }> {
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
    items: page.items.map((caseRecord) => ({
      caseRecord,
      unionName: directory.get(caseRecord.unionCode)?.name ?? caseRecord.unionCode,
    })),
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
  return { phoneMasked: maskMobile(phone), cases: rows.filter((row) => canSeeCase(caller, row)) };
}
