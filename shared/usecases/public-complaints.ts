import { checkIntakeDates, planRegistration, type CaseRecord, type IntakeInput, type TimelineEvent } from '../domain/cases.js';
import { chinaDate } from '../domain/china-time.js';
import { AppError } from '../domain/errors.js';
import { clockRulesOf, triageConfigOf } from '../domain/unions.js';
import {
  LOCKOUT_MS,
  MAX_FAILED_ATTEMPTS,
  MAX_SUPPLEMENTS,
  caseNotFoundForPublic,
  checkFeedbackAllowed,
  lockedOut,
  normalizeAccessCode,
} from '../domain/public-case.js';
import { accessCodeMatches, hashAccessCode, hashIdempotencyKey, hashPayload } from '../security/digests.js';
import { IdempotencyKeyTaken } from '../store/case-repository.js';
import type { ComplainantAccess, Dependencies, PhoneHashing } from './dependencies.js';

/** What the complainant gets back once: the case number and the access code to follow it. */
export interface FiledComplaint {
  readonly caseRecord: CaseRecord;
  readonly unionName: string;
  readonly accessCode: string;
}

const COMPLAINANT = { kind: 'complainant' } as const;

/**
 * Files a complaint from the web or WeChat. The case lands in the union
 * responsible for the region (no subtree applies: the worker has no union of
 * their own here), with its first event and an SMS acknowledgement in the
 * outbox, all in the registration transaction.
 *
 * With an Idempotency-Key, a permanent marker written in that transaction
 * makes the key create at most one case, however late a retry comes. (Prompt
 * retries are answered earlier, with the original response, by the
 * idempotency layer in front of this function.) A retry that reaches the
 * marker gets the original case number and a fresh access code, since only
 * the old code's hash was kept.
 */
export async function fileComplaint(
  deps: Dependencies & ComplainantAccess & PhoneHashing,
  input: IntakeInput,
  idempotencyKey?: string,
): Promise<FiledComplaint> {
  const now = deps.now();
  checkIntakeDates(input, now);
  const idempotency = idempotencyKey
    ? { keyHash: hashIdempotencyKey(idempotencyKey), payloadHash: hashPayload(input) }
    : undefined;
  if (idempotency) {
    const marker = await deps.publicAccess.idempotencyMarker(idempotency.keyHash);
    if (marker) return reissue(deps, marker, idempotency.payloadHash);
  }

  const directory = await deps.unions.directory();
  const union = directory.responsibleFor(input.regionCode);
  if (!union) {
    throw new AppError('REGION_NOT_SERVED', `No union on Weiquan serves region ${input.regionCode} yet.`, [
      { path: 'regionCode', message: 'no union serves this region; call 12351 for help' },
    ]);
  }
  const caseId = deps.newId();
  const accessCode = deps.newAccessCode();
  const phoneHash = await deps.hashPhone(input.complainant.mobile);
  try {
    const plan = await deps.cases.register(union.code, chinaDate(now), (sequence) => {
      const base = planRegistration(input, {
        caseId,
        unionCode: union.code,
        unionPath: directory.pathOf(union.code),
        sequence,
        phoneHash,
        now,
        actor: COMPLAINANT,
        newEventId: deps.newId,
        ...triageConfigOf(directory, union.code),
        clockRules: clockRulesOf(directory, union.code),
        unionName: union.name,
      });
      return {
        ...base,
        accessCodeHash: hashAccessCode(caseId, normalizeAccessCode(accessCode)!),
        ...(idempotency ? { idempotency } : {}),
      };
    });
    return { caseRecord: plan.caseRecord, unionName: union.name, accessCode };
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken && idempotency) return reissue(deps, error.marker, idempotency.payloadHash);
    throw error;
  }
}

async function reissue(
  deps: Dependencies & ComplainantAccess,
  marker: { caseId: string; caseNumber: string; payloadHash: string },
  payloadHash: string,
): Promise<FiledComplaint> {
  if (marker.payloadHash !== payloadHash) throw idempotencyKeyReused();
  const [caseRecord, directory] = await Promise.all([deps.cases.get(marker.caseId), deps.unions.directory()]);
  if (!caseRecord) throw new Error(`idempotency marker points at missing case ${marker.caseId}`);
  const accessCode = deps.newAccessCode();
  await deps.publicAccess.replaceAccessCode(marker.caseNumber, hashAccessCode(marker.caseId, normalizeAccessCode(accessCode)!));
  return { caseRecord, unionName: directory.get(caseRecord.unionCode)?.name ?? caseRecord.unionCode, accessCode };
}

export function idempotencyKeyReused(): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different complaint. Use a new key.',
  );
}

/**
 * Opens a case for its complainant: case number plus access code. An unknown
 * number and a wrong code get the same answer and both count towards the
 * number's lockout, so guessing reveals nothing, real number or not.
 */
export async function openCase(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  typedCode: string,
): Promise<CaseRecord> {
  const now = deps.now().getTime();
  const guard = await deps.publicAccess.guard(caseNumber);
  if (guard?.lockedUntil && guard.lockedUntil > now) throw lockedOut(guard.lockedUntil, now);

  const code = normalizeAccessCode(typedCode);
  const entry = await deps.publicAccess.findCaseNumber(caseNumber);
  const matches =
    entry?.accessCodeHash !== undefined && code !== undefined && accessCodeMatches(entry.caseId, code, entry.accessCodeHash);
  const caseRecord = matches ? await deps.cases.get(entry.caseId) : undefined;
  if (!caseRecord) {
    const state = await deps.publicAccess.recordFailure(caseNumber, now, {
      maxFailures: MAX_FAILED_ATTEMPTS,
      windowMs: LOCKOUT_MS,
    });
    if (state.lockedUntil) throw lockedOut(state.lockedUntil, now);
    throw caseNotFoundForPublic();
  }
  if (guard) await deps.publicAccess.clearGuard(caseNumber);
  return caseRecord;
}

export async function publicCaseStatus(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
): Promise<{ caseRecord: CaseRecord; unionName: string; events: TimelineEvent[] }> {
  const caseRecord = await openCase(deps, caseNumber, accessCode);
  const [events, directory] = await Promise.all([deps.cases.timeline(caseRecord.caseId), deps.unions.directory()]);
  return { caseRecord, events, unionName: directory.get(caseRecord.unionCode)?.name ?? caseRecord.unionCode };
}

export async function addSupplement(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
  text: string,
): Promise<TimelineEvent> {
  const caseRecord = await openCase(deps, caseNumber, accessCode);
  const event: TimelineEvent = {
    caseId: caseRecord.caseId,
    eventId: deps.newId(),
    seq: 1,
    at: deps.now().toISOString(),
    type: 'supplement_added',
    actor: COMPLAINANT,
    data: { text },
  };
  if (!(await deps.publicAccess.addSupplement(caseRecord.caseId, event, MAX_SUPPLEMENTS))) {
    throw new AppError('CONFLICT', `A case takes at most ${MAX_SUPPLEMENTS} supplements; call 12351 to add more.`);
  }
  return event;
}

export async function giveFeedback(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
  rating: { score: number; comment?: string },
): Promise<NonNullable<CaseRecord['feedback']>> {
  const caseRecord = await openCase(deps, caseNumber, accessCode);
  checkFeedbackAllowed(caseRecord);
  const now = deps.now();
  const feedback = { score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}), at: now.toISOString() };
  const event: TimelineEvent = {
    caseId: caseRecord.caseId,
    eventId: deps.newId(),
    seq: 1,
    at: feedback.at,
    type: 'feedback_given',
    actor: COMPLAINANT,
    data: feedback,
  };
  const recorded = await deps.publicAccess.recordFeedback(caseRecord, feedback, event);
  // Lost a race with a second submission (or the case was reopened meanwhile).
  if (!recorded) throw new AppError('CONFLICT', 'Feedback for this case has already been given, or the case is open again.');
  return feedback;
}
