import { registrationDeadlines, type ClockRules } from './case-clocks.js';
import type { Actor, CaseRecord, ContactDetails, TimelineEvent } from './cases.js';
import { chinaDate } from './china-time.js';
import { limitationCheck, type LimitationCheck } from './clocks.js';
import { AppError } from './errors.js';
import { legalAidEligibilityAtIntake, type LegalAidEligibility } from './legal-aid.js';
import { maskName, maskPhoneNumber, maskResidentId } from './masking.js';
import type { Moment } from './moment.js';
import { acknowledgement, type OutboxMessage } from './notifications.js';
import type { Caller } from './roles.js';
import { event } from './transition.js';
import {
  COLLECTIVE_DISPUTE_WORKERS,
  DEFAULT_TRIAGE_CONFIG,
  poolOf,
  triage,
  type Route,
  type TriageConfig,
  type TriageDecision,
} from './triage.js';
import { clockRulesOf, triageConfigOf, type UnionDirectory } from './unions.js';
import type { CaseStatus, Category, Channel, RequestKind } from './vocabulary.js';

/**
 * Intake: which union a new case belongs to, the checks a registration must
 * pass, and everything it writes (planRegistration), step by step.
 */

export interface IntakeInput {
  readonly kind: RequestKind;
  readonly channel: Channel;
  readonly category: Category;
  readonly regionCode: string;
  readonly complainant: {
    readonly name: string;
    readonly mobile: string;
    readonly idNumber?: string;
    readonly migrantWorker: boolean;
    readonly modelWorker: boolean;
    readonly womanWorker: boolean;
  };
  readonly employer?: { readonly name: string; readonly creditCode?: string };
  readonly description: string;
  readonly workersInvolved: number;
  readonly amountClaimedFen?: number;
  readonly occurredOn?: string;
  readonly employmentEndedOn?: string;
  readonly receivedAt?: string;
  readonly answeredOnCall?: { readonly advice: string };
  /** A legal-aid application's hardship decision, when the operator knows it (see legal-aid.ts). */
  readonly legalAidEligibility?: LegalAidEligibility;
}

/** How far ahead of the server clock a client's `receivedAt` may be (clock skew). */
const RECEIVED_AT_SKEW_MS = 5 * 60 * 1000;

/**
 * Decides which union a new case belongs to and checks that the registering
 * staff member may register there: the responsible union is the deepest one
 * whose area covers the region, and it must lie in the caller's subtree.
 */
export function responsibleUnion(directory: UnionDirectory, regionCode: string, caller: Caller): string {
  const union = directory.responsibleFor(regionCode);
  if (!union) {
    throw new AppError(
      'REGION_NOT_SERVED',
      { zh: `地区${regionCode}暂无工会受理。`, en: `No union on Weiquan serves region ${regionCode}.` },
      [{ path: 'regionCode', message: { zh: '该地区暂无工会受理', en: 'no union serves this region' } }],
    );
  }
  if (!directory.isWithin(union.code, caller.unionCode)) {
    throw new AppError(
      'REGION_OUTSIDE_SUBTREE',
      {
        zh: `地区${regionCode}由${union.name}（${union.code}）负责，不在您单位的管辖范围内。`,
        en: `Region ${regionCode} belongs to ${union.name} (${union.code}), outside your union's area.`,
      },
      [
        {
          path: 'regionCode',
          message: {
            zh: '不在您单位的管辖范围内，请转交负责的工会',
            en: 'outside your union’s area; transfer the caller to the responsible union',
          },
        },
      ],
    );
  }
  return union.code;
}

/** Date checks that need "now": nothing a worker reports can lie in the future. */
export function checkIntakeDates(input: IntakeInput, now: Date): void {
  const today = chinaDate(now);
  const inFuture = { zh: '不能晚于今天', en: 'cannot be in the future' };
  const issues = [];
  if (input.occurredOn && input.occurredOn > today) issues.push({ path: 'occurredOn', message: inFuture });
  if (input.employmentEndedOn && input.employmentEndedOn > today) {
    issues.push({ path: 'employmentEndedOn', message: inFuture });
  }
  if (input.receivedAt && new Date(input.receivedAt).getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) {
    issues.push({ path: 'receivedAt', message: inFuture });
  }
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', { zh: '有日期晚于今天。', en: 'Some dates lie in the future.' }, issues);
  }
}

/** `<unionCode>-<YYYYMMDD>-<NNNN>`, e.g. 210102-20261121-0007; more digits past 9999. */
export function formatCaseNumber(unionCode: string, localDate: string, sequence: number): string {
  return `${unionCode}-${localDate.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

export interface RegistrationPlan {
  readonly caseRecord: CaseRecord;
  readonly contact: ContactDetails;
  readonly events: readonly TimelineEvent[];
  readonly outbox?: readonly OutboxMessage[];
  /** Hash of the complainant's access code (online filing), kept with the case-number reservation. */
  readonly accessCodeHash?: string;
  /** Online filing with an Idempotency-Key: a permanent marker makes the key create at most one case. */
  readonly idempotency?: { readonly keyHash: string; readonly payloadHash: string };
}

export interface RegistrationContext {
  readonly caseId: string;
  readonly unionCode: string;
  readonly unionPath: readonly string[];
  readonly sequence: number;
  readonly phoneHash: string;
  readonly now: Date;
  /** Staff logging a call, or the complainant filing online. */
  readonly actor: Actor;
  readonly newEventId: () => string;
  /** The responsible union's triage configuration (defaults when it has none). */
  readonly triageConfig?: TriageConfig;
  /** The responsible union's clocks (calendar and completion targets). */
  readonly clockRules: ClockRules;
  /** For the complainant's acknowledgement. */
  readonly unionName: string;
}

/**
 * The context of a registration in the responsible union: where the case
 * sits in the tree, and that union's triage settings, clocks and name.
 */
export function registrationContext(
  directory: UnionDirectory,
  unionCode: string,
  registration: Pick<RegistrationContext, 'caseId' | 'sequence' | 'phoneHash' | 'now' | 'actor' | 'newEventId'>,
): RegistrationContext {
  return {
    ...registration,
    unionCode,
    unionPath: directory.pathOf(unionCode),
    ...triageConfigOf(directory, unionCode),
    clockRules: clockRulesOf(directory, unionCode),
    unionName: directory.nameOf(unionCode),
  };
}

/** Where a triage route leaves a new case. */
function statusAfterTriage(route: Route): CaseStatus {
  if (route === 'closed') return 'closed';
  return poolOf(route) ? 'in_pool' : 'triaged';
}

/**
 * Everything a registration writes, decided without I/O: the case, its
 * contact details, and its first timeline events (a consultation answered on
 * the call gets its answer as a second event and is closed at once).
 */
export function planRegistration(input: IntakeInput, context: RegistrationContext): RegistrationPlan {
  const decision = triageIntake(input, context.triageConfig);
  const caseRecord = withClocks(newCaseRecord(input, context, decision), input, context.clockRules);
  const moment = { now: context.now, newEventId: context.newEventId };
  return {
    caseRecord,
    contact: contactDetails(input, context.caseId),
    events: registrationEvents(caseRecord, input, decision, context.actor, moment),
    outbox: [acknowledgement(caseRecord, context.unionName, moment)],
  };
}

function triageIntake(input: IntakeInput, config: TriageConfig = DEFAULT_TRIAGE_CONFIG): TriageDecision {
  return triage(
    {
      kind: input.kind,
      category: input.category,
      workersInvolved: input.workersInvolved,
      migrantWorker: input.complainant.migrantWorker,
      modelWorker: input.complainant.modelWorker,
      answeredOnCall: input.answeredOnCall !== undefined,
    },
    config,
  );
}

/** The case as intake leaves it, before its clocks: triaged, numbered, personal details masked. */
function newCaseRecord(input: IntakeInput, context: RegistrationContext, decision: TriageDecision): CaseRecord {
  const at = context.now.toISOString();
  const pool = poolOf(decision.route.value);
  const legalAidEligibility = legalAidEligibilityAtIntake(input, input.legalAidEligibility);
  return {
    caseId: context.caseId,
    caseNumber: formatCaseNumber(context.unionCode, chinaDate(context.now), context.sequence),
    unionCode: context.unionCode,
    unionPath: context.unionPath,
    kind: input.kind,
    channel: input.channel,
    category: input.category,
    status: statusAfterTriage(decision.route.value),
    priority: decision.priority.value,
    route: decision.route.value,
    ...(pool ? { pool } : {}),
    regionCode: input.regionCode,
    complainant: {
      nameMasked: maskName(input.complainant.name),
      mobileMasked: maskPhoneNumber(input.complainant.mobile),
      ...(input.complainant.idNumber ? { idNumberMasked: maskResidentId(input.complainant.idNumber) } : {}),
      migrantWorker: input.complainant.migrantWorker,
      modelWorker: input.complainant.modelWorker,
      womanWorker: input.complainant.womanWorker,
    },
    phoneHash: context.phoneHash,
    ...(input.employer ? { employer: input.employer } : {}),
    description: input.description,
    workersInvolved: input.workersInvolved,
    collective: input.workersInvolved >= COLLECTIVE_DISPUTE_WORKERS,
    ...(input.amountClaimedFen !== undefined ? { amountClaimedFen: input.amountClaimedFen } : {}),
    ...(input.occurredOn ? { occurredOn: input.occurredOn } : {}),
    ...(input.employmentEndedOn ? { employmentEndedOn: input.employmentEndedOn } : {}),
    receivedAt: input.receivedAt ? new Date(input.receivedAt).toISOString() : at,
    registeredAt: at,
    registeredBy: context.actor,
    ...(input.answeredOnCall ? { outcome: 'advice_given' as const, closedAt: at } : {}),
    ...(legalAidEligibility ? { legalAidEligibility } : {}),
    version: 1,
  };
}

/** The limitation check, and the statutory and union clocks of a case still open. */
function withClocks(draft: CaseRecord, input: IntakeInput, clockRules: ClockRules): CaseRecord {
  const limitation = limitationCheck({
    category: input.category,
    receivedAt: draft.receivedAt,
    calendar: clockRules.calendar,
    ...(input.occurredOn ? { occurredOn: input.occurredOn } : {}),
    ...(input.employmentEndedOn ? { employmentEndedOn: input.employmentEndedOn } : {}),
  });
  return {
    ...draft,
    limitation,
    ...(draft.status === 'closed' ? {} : { deadlines: registrationDeadlines(draft, clockRules) }),
  };
}

function contactDetails(input: IntakeInput, caseId: string): ContactDetails {
  return {
    caseId,
    name: input.complainant.name,
    mobile: input.complainant.mobile,
    ...(input.complainant.idNumber ? { idNumber: input.complainant.idNumber } : {}),
  };
}

/** registered, triaged, then a limitation warning and the answer given on the call where there are any. */
function registrationEvents(
  caseRecord: CaseRecord,
  input: IntakeInput,
  decision: TriageDecision,
  actor: Actor,
  moment: Moment,
): TimelineEvent[] {
  const { caseNumber, unionCode, kind, channel, category, limitation, legalAidEligibility } = caseRecord;
  const steps: [TimelineEvent['type'], Actor, Record<string, unknown>][] = [
    [
      'registered',
      actor,
      { caseNumber, unionCode, kind, channel, category, ...(legalAidEligibility ? { legalAidEligibility } : {}) },
    ],
    [
      'triaged',
      SYSTEM,
      {
        priority: decision.priority.value,
        priorityRule: decision.priority.rule,
        priorityInputs: decision.priority.inputs,
        route: decision.route.value,
        routeRule: decision.route.rule,
        routeInputs: decision.route.inputs,
      },
    ],
  ];
  if (limitation && LIMITATION_WARNINGS.includes(limitation.status))
    steps.push(['limitation_warning', SYSTEM, { ...limitation }]);
  if (input.answeredOnCall)
    steps.push(['answered_on_call', actor, { advice: input.answeredOnCall.advice, outcome: 'advice_given' }]);
  return steps.map(([type, by, data], index) => event(caseRecord, type, by, data, moment, index + 1));
}

const SYSTEM: Actor = { kind: 'system' };

/** Limitation states worth a warning on the timeline (and to the operator at intake). */
const LIMITATION_WARNINGS: readonly LimitationCheck['status'][] = ['may_have_run', 'runs_soon'];
