import { type CaseRecord, type TimelineEvent } from '../domain/cases.js';
import { checkIntakeDates, planRegistration, registrationContext, type IntakeInput } from '../domain/registration.js';
import { chinaDate } from '../domain/china-time.js';
import { AppError } from '../domain/errors.js';
import {
  ATTEMPTS_PER_CASE_NUMBER,
  ATTEMPTS_PER_CLIENT,
  ATTEMPT_WINDOW_MS,
  COMPLAINANT,
  caseNotFoundForPublic,
  normalizeAccessCode,
  rateService,
  supplementCase,
  tooManyAttempts,
} from '../domain/public-case.js';
import type { Moment } from '../domain/moment.js';
import type { Transition } from '../domain/transition.js';
import { accessCodeMatches, hashAccessCode, hashIdempotencyKey, hashPayload } from './digests.js';
import { IdempotencyKeyTaken, TransitionConflict } from '../domain/conflicts.js';
import { momentOf } from './case-access.js';
import type { ComplainantAccess, Dependencies, KeyedAccessCodes, PhoneHashing } from './dependencies.js';

/** What the complainant gets back once: the case number and the access code to follow it. */
export interface FiledComplaint {
  readonly caseRecord: CaseRecord;
  readonly unionName: string;
  readonly accessCode: string;
}

/**
 * Files a complaint from the web or WeChat. The case lands in the union
 * responsible for the region (no subtree applies: the worker has no union of
 * their own here), with its first event and an SMS acknowledgement in the
 * outbox, all in the registration transaction.
 *
 * With an Idempotency-Key, a permanent marker written in that transaction
 * makes the key create at most one case, however late a retry comes. (Prompt
 * retries are answered earlier, with the original response, by the
 * idempotency layer in front of this function.) The access code is then
 * derived from the key, so a retry that reaches the marker answers with the
 * original case number and the original code.
 */
export async function fileComplaint(
  deps: Dependencies & ComplainantAccess & KeyedAccessCodes & PhoneHashing,
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
    if (marker) return reissue(deps, marker, idempotency);
  }

  const directory = await deps.unions.directory();
  const union = directory.responsibleFor(input.regionCode);
  if (!union) {
    throw new AppError(
      'REGION_NOT_SERVED',
      { zh: '该地区暂无工会在线受理。', en: `No union on Weiquan serves region ${input.regionCode} yet.` },
      [
        {
          path: 'regionCode',
          message: { zh: '该地区暂无工会受理，请拨打12351求助', en: 'no union serves this region; call 12351 for help' },
        },
      ],
    );
  }
  const caseId = deps.newId();
  const accessCode = idempotency ? await deps.accessCodeForKey(idempotency.keyHash) : deps.newAccessCode();
  const phoneHash = await deps.hashPhone(input.complainant.mobile);
  try {
    const plan = await deps.cases.register(union.code, chinaDate(now), (sequence) => {
      const base = planRegistration(
        input,
        registrationContext(directory, union.code, {
          caseId,
          sequence,
          phoneHash,
          now,
          actor: COMPLAINANT,
          newEventId: deps.newId,
        }),
      );
      return {
        ...base,
        accessCodeHash: hashAccessCode(caseId, normalizeAccessCode(accessCode)!),
        ...(idempotency ? { idempotency } : {}),
      };
    });
    return { caseRecord: plan.caseRecord, unionName: union.name, accessCode };
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken && idempotency) return reissue(deps, error.marker, idempotency);
    throw error;
  }
}

/** The answer to a filing whose Idempotency-Key already made a case: that case, with the code derived from the key. */
async function reissue(
  deps: Dependencies & ComplainantAccess & KeyedAccessCodes,
  marker: { caseId: string; caseNumber: string; payloadHash: string },
  idempotency: { keyHash: string; payloadHash: string },
): Promise<FiledComplaint> {
  if (marker.payloadHash !== idempotency.payloadHash) throw idempotencyKeyReused();
  const [caseRecord, entry, directory, accessCode] = await Promise.all([
    // Consistent: the marker may have been committed a moment ago, by a concurrent copy of this filing.
    deps.cases.get(marker.caseId, { consistent: true }),
    deps.publicAccess.findCaseNumber(marker.caseNumber),
    deps.unions.directory(),
    deps.accessCodeForKey(idempotency.keyHash),
  ]);
  if (!caseRecord) throw new Error(`idempotency marker points at missing case ${marker.caseId}`);
  const accessCodeHash = hashAccessCode(marker.caseId, normalizeAccessCode(accessCode)!);
  // A case filed before codes were derived from the key holds a random code's hash: the retry's answer must open it.
  if (entry?.accessCodeHash !== accessCodeHash) await deps.publicAccess.replaceAccessCode(marker.caseNumber, accessCodeHash);
  return { caseRecord, unionName: directory.nameOf(caseRecord.unionCode), accessCode };
}

/**
 * The access code of the filing made with this Idempotency-Key, for the
 * handler to add to an answer the idempotency layer stored without it (the
 * table keeps no code in the clear).
 */
export function accessCodeOfFiling(deps: KeyedAccessCodes, idempotencyKey: string): Promise<string> {
  return deps.accessCodeForKey(hashIdempotencyKey(idempotencyKey));
}

export function idempotencyKeyReused(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', {
    zh: '该提交与之前的提交内容不一致，请刷新页面后重新填写。',
    en: 'This Idempotency-Key was already used for a different complaint. Use a new key.',
  });
}

/**
 * Opens a case for its complainant: case number plus access code, from a
 * client (the request's source address). An unknown number and a wrong code
 * get the same answer, so guessing reveals nothing, real number or not. The
 * attempt is counted against the client and against the number before the
 * code is looked at, and refused unchecked at either limit (see
 * ATTEMPTS_PER_CLIENT); a right code takes its counts back. The client is
 * counted first, so a client already refused adds nothing to the number's
 * count.
 */
export async function openCase(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  typedCode: string,
  client: string,
): Promise<CaseRecord> {
  const now = deps.now().getTime();
  const byClient = { client };
  const byNumber = { caseNumber };
  const clientAdmission = await deps.publicAccess.admitAttempt(byClient, now, {
    limit: ATTEMPTS_PER_CLIENT,
    windowMs: ATTEMPT_WINDOW_MS,
  });
  if (!clientAdmission.admitted) throw tooManyAttempts(clientAdmission.retryAt, now);
  const numberAdmission = await deps.publicAccess.admitAttempt(byNumber, now, {
    limit: ATTEMPTS_PER_CASE_NUMBER,
    windowMs: ATTEMPT_WINDOW_MS,
  });
  if (!numberAdmission.admitted) {
    // Refused because of others' attempts at this number: it costs this client nothing.
    await deps.publicAccess.refundAttempt(byClient, clientAdmission.windowStartedAt);
    throw tooManyAttempts(numberAdmission.retryAt, now);
  }

  const code = normalizeAccessCode(typedCode);
  const entry = await deps.publicAccess.findCaseNumber(caseNumber);
  const matches =
    entry?.accessCodeHash !== undefined && code !== undefined && accessCodeMatches(entry.caseId, code, entry.accessCodeHash);
  const caseRecord = matches ? await deps.cases.get(entry.caseId) : undefined;
  if (!caseRecord) throw caseNotFoundForPublic();
  await Promise.all([
    deps.publicAccess.refundAttempt(byClient, clientAdmission.windowStartedAt),
    deps.publicAccess.refundAttempt(byNumber, numberAdmission.windowStartedAt),
  ]);
  return caseRecord;
}

export async function publicCaseStatus(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
  client: string,
): Promise<{ caseRecord: CaseRecord; unionName: string; events: TimelineEvent[] }> {
  const caseRecord = await openCase(deps, caseNumber, accessCode, client);
  const [events, directory] = await Promise.all([deps.cases.timeline(caseRecord.caseId), deps.unions.directory()]);
  return { caseRecord, events, unionName: directory.nameOf(caseRecord.unionCode) };
}

/**
 * Saves of one complainant change tried before a race that keeps being lost
 * is answered 503. Each lost race means another change of the case was saved,
 * so n changes at once (workers of a collective dispute sharing its number,
 * staff acting on it) all succeed when n ≤ SAVE_ATTEMPTS: six, as many tries
 * as a colliding transaction gets (operations.ts). Three made the fourth of
 * four simultaneous supplements a 503.
 */
const SAVE_ATTEMPTS = 6;

/**
 * Applies a complainant's change to their case as a transition, saved on the
 * version it was computed from. If staff changed the case meanwhile, the
 * worker did nothing wrong: the change is computed again from a fresh read
 * (so its rules, such as the supplement cap, judge the case as it is now) and
 * saved again. After SAVE_ATTEMPTS lost races the fresh read still decides a
 * rule's refusal; otherwise the answer is 503 BUSY, to try again shortly.
 */
async function changeOwnCase(
  deps: Dependencies,
  opened: CaseRecord,
  change: (current: CaseRecord, moment: Moment) => Transition,
): Promise<Transition> {
  let current = opened;
  for (let attempt = 1; ; attempt++) {
    const transition = change(current, momentOf(deps));
    try {
      await deps.cases.saveTransition(current, transition);
      return transition;
    } catch (error) {
      if (!(error instanceof TransitionConflict && error.onCase)) throw error;
    }
    const fresh = await deps.cases.get(current.caseId, { consistent: true });
    if (!fresh) throw new Error(`case ${current.caseId} vanished while its complainant changed it`);
    if (attempt >= SAVE_ATTEMPTS) {
      // A rule that refuses the change now (the cap reached, a rating given) is the true answer, not BUSY.
      change(fresh, momentOf(deps));
      throw new AppError(
        'BUSY',
        { zh: '案件正在更新，请稍后再试。', en: 'The case is being updated; try again in a moment.' },
        undefined,
        1,
      );
    }
    current = fresh;
  }
}

export async function addSupplement(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
  text: string,
  client: string,
): Promise<TimelineEvent> {
  const caseRecord = await openCase(deps, caseNumber, accessCode, client);
  const { events } = await changeOwnCase(deps, caseRecord, (current, moment) => supplementCase(current, text, moment));
  return events[0]!;
}

export async function giveFeedback(
  deps: Dependencies & ComplainantAccess,
  caseNumber: string,
  accessCode: string,
  rating: { score: number; comment?: string },
  client: string,
): Promise<NonNullable<CaseRecord['feedback']>> {
  const caseRecord = await openCase(deps, caseNumber, accessCode, client);
  const { next } = await changeOwnCase(deps, caseRecord, (current, moment) => rateService(current, rating, moment));
  return next.feedback!;
}
