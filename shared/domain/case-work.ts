import {
  afterOwnerLeaves,
  afterStaffAction,
  afterWork,
  arbitrationAcceptanceDeadline,
  arbitrationAwardDeadline,
  awardChallengeDeadlines,
  injuryRecognitionDeadlines,
  meetAll,
  periodWarnings,
  restartCompletionTarget,
  startOfChinaDay,
  type ClockRules,
} from './case-clocks.js';
import { staffActor, type CaseRecord, type EarlierClosure, type FollowUp, type TimelineEvent } from './cases.js';
import { correctedData, correctedEvent } from './corrections.js';
import { currentClosure } from './figures.js';
import { closureAmounts, countAgreement, countClosureMoney, countPayment, moneyLedgerOf, type AmountsByKind } from './money.js';
import { closureNotice } from './notifications.js';
import { chinaDate } from './china-time.js';
import { CLOCKS_FROM_RECORDED_FACTS, meetClocks, startClock, type ClockName, type Deadline } from './deadlines.js';
import { AppError, unprocessableField as invalid, type FieldIssue, type Phrase } from './errors.js';
import { authorize } from './lifecycle.js';
import type { Caller } from './roles.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';
import type { CaseStatus, MoneyKind, Outcome, TimelineEventType } from './vocabulary.js';

/**
 * The work of a case after it is taken, through closure, call-back and
 * reopening. Pure, like dispatch: each function checks the state machine,
 * returns the next record and the events, and leaves writing to the store.
 */

/** One entry of case work; every entry becomes an immutable timeline event. */
export type WorkEntry =
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'call'; readonly with: 'complainant' | 'employer' | 'other'; readonly summary: string }
  | { readonly type: 'mediation_session'; readonly heldOn: string; readonly summary: string }
  | { readonly type: 'mediated_agreement'; readonly signedOn: string; readonly amountAgreedFen: number; readonly summary: string }
  | { readonly type: 'arbitration_filed'; readonly filedOn: string; readonly commission: string }
  | { readonly type: 'arbitration_accepted'; readonly acceptedOn: string }
  | { readonly type: 'arbitration_extended'; readonly reason: string }
  | {
      readonly type: 'arbitration_awarded';
      readonly awardedOn: string;
      readonly amountAwardedFen?: number;
      readonly summary: string;
    }
  | { readonly type: 'labour_inspection_referred'; readonly referredOn: string; readonly summary: string }
  /** A work-injury case's accident or diagnosis date: starts Art. 17's recognition periods. */
  | { readonly type: 'injury_recorded'; readonly accidentOn?: string; readonly diagnosedOn?: string }
  /** The award was served on the worker: starts the periods to sue (Arts. 48, 50) and to set a final award aside (Art. 49). */
  | { readonly type: 'award_served'; readonly servedOn: string; readonly finalAward: boolean }
  /** Money the worker received after the agreement (or award): counted in the month it was received. */
  | {
      readonly type: 'payment_received';
      readonly receivedOn: string;
      readonly kind: MoneyKind;
      readonly amountFen: number;
      readonly summary?: string;
    }
  /**
   * Events are never edited: a mistake is put right by a correction that names
   * the event, the field and its new value (see corrections.ts), with why.
   */
  | {
      readonly type: 'correction';
      readonly correctsEventId: string;
      readonly field: string;
      readonly value: string | number | boolean;
      readonly text?: string;
    };

const EVENT_OF: Record<WorkEntry['type'], TimelineEventType> = {
  note: 'note_added',
  call: 'call_logged',
  mediation_session: 'mediation_session',
  mediated_agreement: 'mediated_agreement',
  arbitration_filed: 'arbitration_filed',
  arbitration_accepted: 'arbitration_accepted',
  arbitration_extended: 'arbitration_extended',
  arbitration_awarded: 'arbitration_awarded',
  labour_inspection_referred: 'labour_inspection_referred',
  injury_recorded: 'injury_recorded',
  award_served: 'award_served',
  payment_received: 'payment_received',
  correction: 'correction',
};

const NOT_IN_FUTURE: Phrase = { zh: '不能晚于今天', en: 'cannot be in the future' };
const SOME_DATES_IN_FUTURE: Phrase = { zh: '有日期晚于今天。', en: 'Some dates lie in the future.' };

function notInFuture(entry: WorkEntry, now: Date): void {
  const today = chinaDate(now);
  const issues: FieldIssue[] = [];
  const dates = [
    'heldOn',
    'signedOn',
    'filedOn',
    'acceptedOn',
    'awardedOn',
    'referredOn',
    'accidentOn',
    'diagnosedOn',
    'servedOn',
    'receivedOn',
  ];
  for (const field of dates) {
    const value = (entry as Partial<Record<typeof field, string>>)[field];
    if (value !== undefined && value > today) issues.push({ path: field, message: NOT_IN_FUTURE });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', SOME_DATES_IN_FUTURE, issues);
}

/** The record after an entry's facts: arbitration dates, amounts, and the clocks they start or meet. */
function applyEntry(caseRecord: CaseRecord, entry: WorkEntry, rules: ClockRules): CaseRecord {
  const deadlines = caseRecord.deadlines ?? [];
  const arbitration = caseRecord.arbitration;
  switch (entry.type) {
    case 'mediated_agreement':
      return {
        ...countAgreement(caseRecord, entry.amountAgreedFen, startOfChinaDay(entry.signedOn)),
        amountAgreedFen: entry.amountAgreedFen,
        deadlines: meetClocks(deadlines, ['mediation'], startOfChinaDay(entry.signedOn)),
      };
    case 'arbitration_filed':
      if (arbitration)
        invalid('type', {
          zh: `已于${arbitration.filedOn}申请仲裁。`,
          en: `Arbitration was already filed on ${arbitration.filedOn}.`,
        });
      // Going to arbitration ends mediation (Art. 14: the party may apply once the period runs out).
      return {
        ...caseRecord,
        arbitration: { filedOn: entry.filedOn },
        deadlines: startClock(
          meetClocks(deadlines, ['mediation'], startOfChinaDay(entry.filedOn)),
          arbitrationAcceptanceDeadline(entry.filedOn, rules),
        ),
      };
    case 'arbitration_accepted':
      if (!arbitration) invalid('type', { zh: '请先记录仲裁申请。', en: 'Record the arbitration filing first.' });
      if (arbitration.acceptedOn)
        invalid('type', {
          zh: `仲裁委已于${arbitration.acceptedOn}受理。`,
          en: `The commission already accepted on ${arbitration.acceptedOn}.`,
        });
      if (entry.acceptedOn < arbitration.filedOn)
        invalid('acceptedOn', { zh: '不能早于仲裁申请日', en: 'cannot be before the filing date' });
      return {
        ...caseRecord,
        arbitration: { ...arbitration, acceptedOn: entry.acceptedOn },
        deadlines: startClock(
          meetClocks(deadlines, ['arbitration_acceptance'], startOfChinaDay(entry.acceptedOn)),
          arbitrationAwardDeadline(entry.acceptedOn, false, rules),
        ),
      };
    case 'arbitration_extended':
      if (!arbitration?.acceptedOn)
        invalid('type', { zh: '仲裁受理后才能延期。', en: 'Only an accepted arbitration can be extended.' });
      if (arbitration.extended)
        invalid('type', {
          zh: '审理期限只能延长一次，最长15日（第四十三条）。',
          en: 'The award period can be extended once, by 15 days (Art. 43).',
        });
      if (arbitration.awardedOn) invalid('type', { zh: '已作出仲裁裁决。', en: 'The award was already made.' });
      return {
        ...caseRecord,
        arbitration: { ...arbitration, extended: true },
        deadlines: startClock(deadlines, arbitrationAwardDeadline(arbitration.acceptedOn, true, rules)),
      };
    case 'injury_recorded':
      if (caseRecord.category !== 'work_injury' && caseRecord.category !== 'occupational_disease')
        invalid('type', {
          zh: '只有工伤或职业病案件才计算工伤认定申请期限（《工伤保险条例》第十七条）。',
          en: 'Only a work-injury or occupational-disease case counts Art. 17’s recognition periods.',
        });
      if (caseRecord.workInjury)
        invalid('type', {
          zh: '已记录过伤情，如有错误请更正该记录。',
          en: 'The injury was already recorded: correct that entry instead.',
        });
      if ((entry.accidentOn === undefined) === (entry.diagnosedOn === undefined))
        invalid('accidentOn', {
          zh: '请填写事故发生日期或职业病诊断日期，二者选一',
          en: 'give either the accident date or the diagnosis date of the occupational disease',
        });
      return {
        ...caseRecord,
        workInjury: entry.accidentOn !== undefined ? { accidentOn: entry.accidentOn } : { diagnosedOn: entry.diagnosedOn! },
        deadlines: injuryRecognitionDeadlines(entry, rules).reduce(startClock, deadlines),
      };
    case 'award_served':
      if (!arbitration?.awardedOn) invalid('type', { zh: '请先记录仲裁裁决。', en: 'Record the award first.' });
      if (arbitration.servedOn)
        invalid('type', {
          zh: `裁决书已于${arbitration.servedOn}送达，如有错误请更正该记录。`,
          en: `The award was already served on ${arbitration.servedOn}: correct that entry instead.`,
        });
      if (entry.servedOn < arbitration.awardedOn)
        invalid('servedOn', { zh: '不能早于裁决日', en: 'cannot be before the award date' });
      return {
        ...caseRecord,
        arbitration: { ...arbitration, servedOn: entry.servedOn, finalAward: entry.finalAward },
        deadlines: awardChallengeDeadlines(entry.servedOn, entry.finalAward, rules).reduce(startClock, deadlines),
      };
    case 'arbitration_awarded':
      if (!arbitration?.acceptedOn)
        invalid('type', { zh: '请先记录仲裁委受理。', en: 'Record the commission’s acceptance first.' });
      if (entry.awardedOn < arbitration.acceptedOn)
        invalid('awardedOn', { zh: '不能早于受理日', en: 'cannot be before the acceptance date' });
      return {
        ...caseRecord,
        arbitration: {
          ...arbitration,
          awardedOn: entry.awardedOn,
          ...(entry.amountAwardedFen !== undefined ? { amountAwardedFen: entry.amountAwardedFen } : {}),
        },
        deadlines: meetClocks(deadlines, ['arbitration_award'], startOfChinaDay(entry.awardedOn)),
      };
    case 'payment_received':
      return countPayment(caseRecord, entry.kind, entry.amountFen, startOfChinaDay(entry.receivedOn));
    default:
      return caseRecord;
  }
}

/** Work status: a mediator's case (or one with a mediation session) is in mediation, any other in progress. */
function workingStatus(caseRecord: CaseRecord, entry: WorkEntry): CaseStatus {
  // Arbitration and labour inspection take the dispute out of mediation.
  if (entry.type.startsWith('arbitration_') || entry.type === 'labour_inspection_referred') return 'in_progress';
  if (caseRecord.status === 'in_mediation' || entry.type === 'mediation_session') return 'in_mediation';
  if (caseRecord.owner?.role === 'mediator' && caseRecord.status === 'claimed') return 'in_mediation';
  return 'in_progress';
}

export interface RecordWorkChange {
  readonly caseRecord: CaseRecord;
  readonly entry: WorkEntry;
  readonly caller: Caller;
  readonly moment: Moment;
  readonly rules: ClockRules;
  /** The case's timeline, in order: a correction needs it to find and replay the facts it corrects. */
  readonly timeline?: readonly TimelineEvent[];
}

/** Work entries whose facts start or meet clocks, replayed in order when one of them is corrected. */
const FACT_ENTRIES = [
  'arbitration_filed',
  'arbitration_accepted',
  'arbitration_extended',
  'arbitration_awarded',
  'award_served',
  'injury_recorded',
] as const satisfies readonly WorkEntry['type'][];

/**
 * A replayed clock keeps what happened to it that its facts do not say: met
 * at closure, or escalated by the sweeper, as long as the escalation came
 * after the corrected due time (an escalation caused by the wrong date is
 * dropped and the clock runs again).
 */
function keepStamps(derived: readonly Deadline[], previous: readonly Deadline[]): Deadline[] {
  const seen = new Map<ClockName, number>();
  return derived.map((deadline) => {
    if (!CLOCKS_FROM_RECORDED_FACTS.includes(deadline.clock)) return deadline;
    const ordinal = seen.get(deadline.clock) ?? 0;
    seen.set(deadline.clock, ordinal + 1);
    const old = previous.filter((candidate) => candidate.clock === deadline.clock)[ordinal];
    if (!old || deadline.metAt !== undefined) return deadline;
    if (old.metAt !== undefined) return { ...deadline, metAt: old.metAt };
    if (old.escalatedAt !== undefined && deadline.dueAt <= old.escalatedAt) return { ...deadline, escalatedAt: old.escalatedAt };
    return deadline;
  });
}

/**
 * The case's facts and the clocks counted from them, recomputed from the
 * timeline with every correction applied: the arbitration and injury facts are
 * dropped and the entries that made them are applied again, in order.
 */
function recomputeFacts(caseRecord: CaseRecord, timeline: readonly TimelineEvent[], rules: ClockRules): CaseRecord {
  const data = correctedData(timeline);
  const { arbitration: _arbitration, workInjury: _workInjury, ...rest } = caseRecord;
  const previous = caseRecord.deadlines ?? [];
  let record: CaseRecord = {
    ...rest,
    deadlines: previous.filter((deadline) => !CLOCKS_FROM_RECORDED_FACTS.includes(deadline.clock)),
  };
  for (const past of timeline) {
    const type = FACT_ENTRIES.find((candidate) => EVENT_OF[candidate] === past.type);
    if (type) record = applyEntry(record, { ...data.get(past.eventId), type } as WorkEntry, rules);
  }
  return { ...record, deadlines: keepStamps(record.deadlines ?? [], previous) };
}

/** A correction: checked against the event it names, then the facts and clocks recomputed with it. */
function applyCorrection(
  caseRecord: CaseRecord,
  entry: Extract<WorkEntry, { type: 'correction' }>,
  correctionEvent: TimelineEvent,
  timeline: readonly TimelineEvent[],
  rules: ClockRules,
): CaseRecord {
  try {
    return recomputeFacts(caseRecord, [...timeline, correctionEvent], rules);
  } catch (error) {
    // The corrected value is the cause: the replayed entry's own field path would name a field the caller did not send.
    if (error instanceof AppError) {
      invalid('value', {
        zh: `更正后的${entry.field}与案件不符：${error.said.zh}`,
        en: `The corrected ${entry.field} does not fit the case: ${error.said.en}`,
      });
    }
    throw error;
  }
}

/** Timeline warnings for the periods a party can lose that this change started (or moved, by a correction). */
function warningEvents(
  before: CaseRecord,
  after: CaseRecord,
  caseRecord: CaseRecord,
  moment: Moment,
  firstSeq: number,
): TimelineEvent[] {
  const known = new Set((before.deadlines ?? []).map((deadline) => `${deadline.clock}|${deadline.startedAt}|${deadline.dueAt}`));
  const started = (after.deadlines ?? []).filter(
    (deadline) =>
      CLOCKS_FROM_RECORDED_FACTS.includes(deadline.clock) &&
      !known.has(`${deadline.clock}|${deadline.startedAt}|${deadline.dueAt}`),
  );
  return periodWarnings(started, moment.now).map((warning, index) =>
    event(caseRecord, 'limitation_warning', { kind: 'system' }, { ...warning }, moment, firstSeq + index),
  );
}

/** The owner (or the legal department) records work; the entry goes on the timeline and moves the clocks. */
export function recordWork({ caseRecord, entry, caller, moment, rules, timeline = [] }: RecordWorkChange): Transition {
  authorize('record_work', caseRecord, caller);
  notInFuture(entry, moment.now);
  const { type, ...data } = entry;
  let applied: CaseRecord;
  let recorded: TimelineEvent;
  if (entry.type === 'correction') {
    const target = correctedEvent(timeline, entry);
    if (typeof entry.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.value) && entry.value > chinaDate(moment.now)) {
      throw new AppError('VALIDATION_FAILED', SOME_DATES_IN_FUTURE, [{ path: 'value', message: NOT_IN_FUTURE }]);
    }
    const previousValue = correctedData(timeline).get(target.eventId)?.[entry.field] ?? null;
    recorded = event(
      caseRecord,
      'correction',
      staffActor(caller),
      { ...data, correctedType: target.type, previousValue },
      moment,
    );
    applied = applyCorrection(caseRecord, entry, recorded, timeline, rules);
  } else {
    applied = applyEntry(caseRecord, entry, rules);
    recorded = event(caseRecord, EVENT_OF[type], staffActor(caller), data, moment);
  }
  const next = afterWork({ ...applied, status: workingStatus(caseRecord, entry), version: caseRecord.version + 1 }, moment.now);
  return { next, events: [recorded, ...warningEvents(caseRecord, next, caseRecord, moment, 2)] };
}

export interface Closure {
  readonly outcome: Outcome;
  readonly summary: string;
  /** The case's recovered money to date, by kind (see money.ts: only what is not yet counted is counted). */
  readonly amountsRecoveredFen?: AmountsByKind;
  /** One total, from clients that predate the kinds: its kind is the one the case's category implies. */
  readonly amountRecoveredFen?: number;
  readonly amountAgreedFen?: number;
}

export interface CloseCaseChange {
  readonly caseRecord: CaseRecord;
  readonly closure: Closure;
  readonly caller: Caller;
  readonly moment: Moment;
}

/**
 * The case is concluded with an outcome: every running clock is met (late if
 * past due), whoever worked it keeps the credit as owner but no longer
 * carries it (the caller frees their capacity), and the complainant is told.
 */
export function closeCase({ caseRecord, closure, caller, moment }: CloseCaseChange): Transition {
  authorize('close', caseRecord, caller);
  const at = moment.now.toISOString();
  const recovered = closureAmounts(caseRecord.category, closure);
  const amountAgreedFen = closure.amountAgreedFen ?? caseRecord.amountAgreedFen;
  const counted = countClosureMoney(
    caseRecord,
    {
      ...(recovered ? { recovered } : {}),
      ...(closure.amountAgreedFen !== undefined ? { agreedFen: closure.amountAgreedFen } : {}),
    },
    at,
  );
  const next: CaseRecord = {
    ...afterStaffAction(counted, moment.now),
    status: 'closed',
    outcome: closure.outcome,
    closedAt: at,
    ...(amountAgreedFen !== undefined ? { amountAgreedFen } : {}),
    deadlines: meetAll(caseRecord.deadlines, at),
    version: caseRecord.version + 1,
  };
  const { summary, ...figures } = closure;
  return {
    next,
    events: [event(caseRecord, 'closed', staffActor(caller), { ...figures, summary }, moment)],
    outbox: [closureNotice(next, moment)],
  };
}

export interface RecordFollowUpChange {
  readonly caseRecord: CaseRecord;
  readonly input: Omit<FollowUp, 'at' | 'by'>;
  readonly caller: Caller;
  readonly moment: Moment;
}

/** The union's call-back (回访) after closure, with the worker's satisfaction when they were reached. */
export function recordFollowUp({ caseRecord, input, caller, moment }: RecordFollowUpChange): Transition {
  authorize('follow_up', caseRecord, caller);
  if (input.reached && input.satisfaction === undefined)
    invalid('satisfaction', { zh: '请职工为服务打分（1–5）', en: 'ask the worker to rate the service (1–5)' });
  if (!input.reached && input.satisfaction !== undefined)
    invalid('satisfaction', { zh: '只有联系上的职工才能打分', en: 'only a worker who was reached can rate' });
  const followUp: FollowUp = { ...input, at: moment.now.toISOString(), by: caller.staffId };
  return {
    next: { ...caseRecord, status: 'followed_up', followUp, version: caseRecord.version + 1 },
    events: [event(caseRecord, 'followed_up', staffActor(caller), { ...input }, moment)],
  };
}

export interface ReopenCaseChange {
  readonly caseRecord: CaseRecord;
  readonly reason: string;
  readonly caller: Caller;
  readonly moment: Moment;
  readonly rules: ClockRules;
}

/**
 * The legal department reopens a concluded case. The closure it sets aside
 * keeps its figures where they were reported (see figures.ts), with its
 * call-back and rating; the money already recovered stays recovered. The
 * case waits where triage put it, with a new completion target, and its next
 * closure is called back and rated anew.
 */
export function reopenCase({ caseRecord, reason, caller, moment, rules }: ReopenCaseChange): Transition {
  authorize('reopen', caseRecord, caller);
  const { owner: _owner, outcome, closedAt, followUp: _followUp, feedback: _feedback, ...open } = caseRecord;
  const setAside: EarlierClosure = { ...currentClosure(caseRecord), reopenedAt: moment.now.toISOString() };
  const reopened: CaseRecord = {
    ...open,
    // The ledger is kept as it was counted, so a closure made before the ledger existed keeps its money too.
    money: moneyLedgerOf(caseRecord),
    earlierClosures: [...(caseRecord.earlierClosures ?? []), setAside],
    status: caseRecord.pool ? 'in_pool' : 'triaged',
    reopenCount: (caseRecord.reopenCount ?? 0) + 1,
    version: caseRecord.version + 1,
  };
  return {
    next: afterOwnerLeaves({ ...reopened, deadlines: restartCompletionTarget(reopened, moment.now, rules) }),
    events: [
      event(
        caseRecord,
        'reopened',
        staffActor(caller),
        { reason, previousOutcome: outcome ?? null, closedAt: closedAt ?? null },
        moment,
      ),
    ],
  };
}
