import type { CaseRecord, TimelineEvent } from './cases.js';
import { AppError } from './errors.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';
import { FIRST_RESPONSE_MS } from './triage.js';
import type { CaseStatus, TimelineEventType } from './vocabulary.js';

/**
 * What a worker without an account sees of their own case, and the rules of
 * their access to it. Pure: randomness and time come in as arguments.
 */

/** Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters × 5 bits = 60 bits of randomness (the floor is 40). */
export const ACCESS_CODE_LENGTH = 12;
export const ACCESS_CODE_RANDOM_BYTES = 8;

/** `K7QM-2XWD-9HRT` from 8 random bytes (the top 60 bits are used). */
export function formatAccessCode(random: Uint8Array): string {
  if (random.length < ACCESS_CODE_RANDOM_BYTES) throw new Error('need 8 random bytes');
  let bits = 0n;
  for (const byte of random.slice(0, ACCESS_CODE_RANDOM_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) {
    code += ACCESS_CODE_ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The canonical form of a code as typed: case, spaces and hyphens do not
 * matter, and the look-alikes O→0 and I/L→1 are read as Crockford intends.
 * Returns undefined for anything that cannot be a code.
 */
export function normalizeAccessCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== ACCESS_CODE_LENGTH || [...code].some((character) => !ACCESS_CODE_ALPHABET.includes(character))) {
    return undefined;
  }
  return code;
}

/**
 * Access-code attempts are counted in fixed 15-minute windows, twice: per
 * client (the source address API Gateway saw) and per case number. An
 * attempt is counted *before* its code is compared, by one conditional
 * increment that refuses it at the limit, so simultaneous attempts cannot all
 * be checked; a right code takes its count back, so the counts are of wrong
 * codes (and attempts in flight).
 *
 * Per client, 10: a worker who mistypes has room, and a guesser is stopped
 * early whichever numbers they try (case numbers are sequential, so guessing
 * goes across neighbours, not at one number).
 *
 * Per case number, 1,000: a ceiling no single client can reach (it takes 100
 * addresses each spending their own 10 within one window), so a stranger
 * cannot cheaply lock a worker out of their case; the right code is refused
 * only while someone keeps that up, and for at most the rest of the window.
 * It still bounds guessing at one number however many addresses a guesser
 * has: a code is 12 Crockford base32 characters, 32^12 = 2^60 ≈ 1.15 × 10^18
 * codes; 1,000 attempts × 96 windows a day × 365 days ≈ 3.5 × 10^7 guesses a
 * year, a chance of about 3 × 10^-11 a year of finding one case's code.
 */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
export const ATTEMPTS_PER_CLIENT = 10;
export const ATTEMPTS_PER_CASE_NUMBER = 1000;

/** The one answer for an unknown case number and a wrong access code alike, so neither can be told apart. */
export function caseNotFoundForPublic(): AppError {
  return new AppError('NOT_FOUND', { zh: '案件编号或查询码不正确。', en: 'The case number or access code is not right.' });
}

/** An attempt refused unchecked until `retryAt` (epoch ms); the same words for a client's limit and a number's. */
export function tooManyAttempts(retryAt: number, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'TOO_MANY_REQUESTS',
    { zh: `尝试次数过多，请${minutes}分钟后再试`, en: `Too many attempts; try again in ${minutes} minutes.` },
    undefined,
    seconds,
  );
}

/** Status in plain words for the worker. */
const PUBLIC_STATUS_TEXT: Record<CaseStatus, string> = {
  registered: '已收到，等待工会受理',
  triaged: '工会法律部正在安排处理',
  in_mediation: '劳动争议调解中',
  in_pool: '正在为您安排承办人员',
  claimed: '已有律师或调解员负责您的案件',
  in_progress: '正在办理',
  transfer_pending: '正在转交给更合适的工会办理',
  closed: '已办结',
  followed_up: '已办结并回访',
};

export function publicStatusText(caseRecord: Pick<CaseRecord, 'status' | 'pool'>): string {
  if (caseRecord.status === 'in_pool')
    return caseRecord.pool === 'mediation' ? '正在为您安排劳动争议调解员' : '正在为您安排志愿律师';
  return PUBLIC_STATUS_TEXT[caseRecord.status];
}

export interface NextStep {
  readonly text: string;
  /** When the union is due to act, if a clock runs. */
  readonly dueAt?: string;
}

export function nextStep(caseRecord: CaseRecord): NextStep {
  // Until someone owns the case, the union owes the worker a first call by the tier's deadline.
  const firstCallDue = new Date(Date.parse(caseRecord.registeredAt) + FIRST_RESPONSE_MS[caseRecord.priority]).toISOString();
  switch (caseRecord.status) {
    case 'registered':
    case 'triaged':
      return { text: '工会工作人员将通过您留下的手机号与您联系', dueAt: firstCallDue };
    case 'in_pool':
      return caseRecord.pool === 'mediation'
        ? { text: '调解员接手后将与您联系', dueAt: firstCallDue }
        : { text: '志愿律师认领后将与您联系', dueAt: firstCallDue };
    case 'in_mediation':
      return { text: '调解员将与您和用人单位沟通，调解应自受理之日起15日内结束' };
    case 'claimed':
    case 'in_progress':
      return { text: '承办人正在办理，如有新情况可在此补充材料' };
    case 'transfer_pending':
      return { text: '接收工会确认后将继续办理，案件编号不变' };
    case 'closed':
    case 'followed_up':
      return caseRecord.feedback ? { text: '感谢您的评价' } : { text: '案件已办结，请对本次服务进行评价' };
  }
}

/** How each event reads to the worker; events not listed here are internal and never shown. */
const PUBLIC_EVENT_TEXT: Partial<Record<TimelineEventType, string>> = {
  registered: '案件已登记',
  triaged: '工会已受理并分流',
  answered_on_call: '已当场解答',
  claimed: '承办人员已接手',
  assigned: '工会已指派承办人员',
  released: '案件重新等待安排承办人员',
  transfer_requested: '案件正在转交其他工会',
  transfer_accepted: '案件已由新的工会接收',
  transfer_rejected: '转交未被接收，原工会继续办理',
  supplement_added: '您补充了材料',
  feedback_given: '您评价了本次服务',
  mediation_session: '调解员组织了调解',
  mediated_agreement: '双方已达成调解协议',
  arbitration_filed: '已申请劳动争议仲裁',
  arbitration_accepted: '仲裁委员会已受理',
  arbitration_extended: '仲裁审理期限已依法延长',
  arbitration_awarded: '仲裁委员会已作出裁决',
  labour_inspection_referred: '已转劳动保障监察处理',
  closed: '案件已办结',
  followed_up: '工会已回访',
  reopened: '案件重新办理',
};

const ROLE_WORDS: Record<string, string> = {
  operator: '12351热线',
  lawyer: '志愿律师',
  mediator: '调解员',
  legal_admin: '工会法律部',
};

export interface PublicTimelineEntry {
  readonly at: string;
  readonly what: string;
  /** A role, never a staff member's name or id. */
  readonly by: string;
}

export function publicTimeline(events: readonly TimelineEvent[]): PublicTimelineEntry[] {
  return events.flatMap((event) => {
    const what = PUBLIC_EVENT_TEXT[event.type];
    if (!what) return [];
    const by =
      event.actor.kind === 'staff'
        ? (ROLE_WORDS[event.actor.role] ?? '工会')
        : event.actor.kind === 'complainant'
          ? '您'
          : '工会';
    return [{ at: event.at, what, by }];
  });
}

/** Feedback is given once, after the case is closed. */
export function checkFeedbackAllowed(caseRecord: CaseRecord): void {
  if (caseRecord.feedback) throw new AppError('CONFLICT', { zh: '您已评价过本案件。', en: 'You have already rated this case.' });
  if (caseRecord.status !== 'closed' && caseRecord.status !== 'followed_up') {
    throw new AppError('CONFLICT', { zh: '案件办结后才能评价。', en: 'A case can be rated once it is closed.' });
  }
}

/** A score of 4 or 5 counts as satisfied in the union's satisfaction rate. */
export function isSatisfied(score: number): boolean {
  return score >= 4;
}

/** Supplements a complainant may add to one case: enough for any real case, a bound on abuse. */
export const MAX_SUPPLEMENTS = 20;

/** The worker acting on their own case, without an account. */
export const COMPLAINANT = { kind: 'complainant' } as const;

/**
 * The complainant adds information: a timeline event the staff see, and one
 * more on the case's count, which is capped so that one access code cannot
 * flood a case's timeline. A transition like any staff action, so it is
 * saved only on the version it was computed from.
 */
export function supplementCase(caseRecord: CaseRecord, text: string, moment: Moment): Transition {
  const count = caseRecord.supplementCount ?? 0;
  if (count >= MAX_SUPPLEMENTS) {
    throw new AppError('CONFLICT', {
      zh: `每件案件最多补充${MAX_SUPPLEMENTS}次材料；如需补充更多，请拨打12351。`,
      en: `A case takes at most ${MAX_SUPPLEMENTS} supplements; to add more, call 12351.`,
    });
  }
  return {
    next: { ...caseRecord, supplementCount: count + 1, version: caseRecord.version + 1 },
    events: [event(caseRecord, 'supplement_added', COMPLAINANT, { text }, moment)],
  };
}

/** The complainant rates the service once, after closing; it counts in the month it is given. */
export function rateService(caseRecord: CaseRecord, rating: { score: number; comment?: string }, moment: Moment): Transition {
  checkFeedbackAllowed(caseRecord);
  const feedback = { score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}), at: moment.now.toISOString() };
  return {
    next: { ...caseRecord, feedback, version: caseRecord.version + 1 },
    events: [event(caseRecord, 'feedback_given', COMPLAINANT, feedback, moment)],
  };
}
