import { staffActor, type CaseRecord } from './cases.js';
import { chinaMonth } from './china-time.js';
import { authorize } from './lifecycle.js';
import type { Caller } from './roles.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';

/**
 * A 12351 call about a case that already exists: the worker ringing again
 * about their case, or the operator ringing them back. Every call a union
 * answers counts in its report (12351来电接听), not only the calls that
 * registered a case, so each one is logged on the case it concerns. The case
 * keeps a tally by month (the figures are a function of the case record);
 * the timeline keeps each call.
 */
/** Who rang whom, as the console labels it. */
export const CALL_DIRECTIONS = { inbound: '职工来电', outbound: '回电职工' } as const;
export type CallDirection = keyof typeof CALL_DIRECTIONS;

export interface HotlineCall {
  readonly direction: CallDirection;
  /** Length of the call when the telephony system or the operator knows it. */
  readonly durationSeconds?: number;
  readonly note: string;
}

export interface LogHotlineCallChange {
  readonly caseRecord: CaseRecord;
  readonly call: HotlineCall;
  readonly caller: Caller;
  readonly moment: Moment;
}

/** Logs the call: the status, owner and clocks stay as they are; only the call tally of this month moves. */
export function logHotlineCall({ caseRecord, call, caller, moment }: LogHotlineCallChange): Transition {
  authorize('log_call', caseRecord, caller);
  const month = chinaMonth(moment.now);
  const tally = caseRecord.hotlineCalls?.[month] ?? {};
  const next: CaseRecord = {
    ...caseRecord,
    hotlineCalls: { ...caseRecord.hotlineCalls, [month]: { ...tally, [call.direction]: (tally[call.direction] ?? 0) + 1 } },
    version: caseRecord.version + 1,
  };
  return { next, events: [event(caseRecord, 'hotline_call', staffActor(caller), { ...call }, moment)] };
}
