import * as z from 'zod/mini';
import { CLOCKS } from '../domain/deadlines.js';
import { LEGAL_AID_EXEMPTION_GROUNDS, MONEY_KINDS, TIMELINE_EVENT_TYPES, keysOf } from '../domain/vocabulary.js';
import { RosterEntryBody } from './dispatch.js';
import { CaseStatusSchema, CategorySchema, ChannelSchema, OutcomeSchema, RequestKindSchema } from './case.js';
import { ROLES } from '../domain/roles.js';
import {
  CalendarDate,
  CaseId,
  CaseNumber,
  CreditCodeView,
  StaffSubject,
  ChinaTimestamp,
  UnionCodeView,
  UnionName,
  documented,
  shownText,
} from './common.js';

/**
 * What the routes answer, for the OpenAPI document and the tests. Kept apart
 * from the request schemas on purpose: handlers never import this module, so
 * building these schemas costs no function any cold-start time.
 *
 * Bounds on text mirror what the API accepts on the way in (a description
 * written as at most 4,000 characters is read back as at most 4,000), so a
 * client can size its fields from this document.
 */

/** A Chinese label from the vocabulary (status, category, clock …). */
const Label = shownText(50);
/** A sentence the API composes for people to read (next step, notice, basis of a clock). */
const Sentence = shownText(500);
const RoleSchema = z.enum(ROLES);

const ActorView = z.object({
  kind: z.enum(['staff', 'complainant', 'system']),
  role: z.optional(RoleSchema),
  staffId: z.optional(StaffSubject),
});

/** Mobile (13812345678) or landline (024-23456789) as stored, in full or masked (138****5678, 024-****6789). */
const PhoneNumberView = z
  .string()
  .check(
    z.regex(/^(1[3-9]\d(\d{4}|\*{4})\d{4}|0(10|2\d|[3-9]\d{2})-([1-9]\d{2,3}|\*{3,4})\d{4})$/),
    z.maxLength('0411-88888888'.length),
  );

/** The masked forms only (see maskPhoneNumber). */
const MaskedPhoneNumberView = z
  .string()
  .check(z.regex(/^(1[3-9]\d\*{4}\d{4}|0(10|2\d|[3-9]\d{2})-\*{3,4}\d{4})$/), z.maxLength('0411-****8888'.length));

const ComplainantView = z.object({
  name: shownText(50),
  /** A mobile or landline, in full or masked for the caller's role (see maskPhoneNumber): 138****5678, 024-****6789. */
  mobile: PhoneNumberView,
  /** In full, or masked (see maskResidentId): region and last four characters only. */
  idNumber: z.optional(z.string().check(z.regex(/^\d{6}(\d{8}|\*{8})\d{3}[\dX]$/), z.maxLength(18))),
  migrantWorker: z.boolean(),
  modelWorker: z.boolean(),
  womanWorker: z.boolean(),
  /** True when name, mobile and ID number are masked for the caller's role. */
  masked: z.boolean(),
});

const DeadlineView = documented(
  z.object({
    clock: z.enum(keysOf(CLOCKS)),
    clockLabel: Label,
    startedAt: ChinaTimestamp,
    dueAt: ChinaTimestamp,
    /** The last day (China date) of a clock counted in days; it runs to 24:00 of that day. */
    dueOn: z.optional(CalendarDate),
    basis: Sentence,
    metAt: z.optional(ChinaTimestamp),
    escalatedAt: z.optional(ChinaTimestamp),
    /** Counted past the loaded holiday calendar: may move when the next year is loaded. */
    beyondCalendar: z.optional(z.boolean()),
    state: z.enum(['running', 'met', 'met_late', 'missed']),
  }),
  { id: 'Deadline', description: 'A statutory or target clock on a case.' },
);

const PriorityView = z.enum(['urgent', 'priority', 'ordinary']);
const RouteView = z.enum(['closed', 'mediation', 'lawyer', 'legal_department']);
const PoolView = z.enum(['mediation', 'lawyer']);
const OwnerView = z.object({ staffId: StaffSubject, role: RoleSchema, since: ChinaTimestamp });
const EmployerView = z.object({ name: shownText(100), creditCode: z.optional(CreditCodeView) });
const TransferView = z.object({
  fromUnion: UnionCodeView,
  toUnion: UnionCodeView,
  reason: shownText(500),
  requestedAt: ChinaTimestamp,
  requestedBy: StaffSubject,
});

/** What a case and its row both begin with: which case, whose, what, where it stands and who has it. */
const CASE_HEAD_FIELDS = {
  caseId: CaseId,
  caseNumber: CaseNumber,
  unionCode: UnionCodeView,
  unionName: UnionName,
  kind: RequestKindSchema,
  kindLabel: Label,
  channel: ChannelSchema,
  channelLabel: Label,
  category: CategorySchema,
  categoryLabel: Label,
  status: CaseStatusSchema,
  statusLabel: Label,
  priority: PriorityView,
  route: RouteView,
  pool: z.optional(PoolView),
  owner: z.optional(OwnerView),
  transfer: z.optional(TransferView),
};

export const CaseView = documented(
  z.object({
    ...CASE_HEAD_FIELDS,
    regionCode: UnionCodeView,
    complainant: ComplainantView,
    employer: z.optional(EmployerView),
    description: shownText(4000),
    workersInvolved: z.int(),
    collective: z.boolean(),
    amountClaimedFen: z.optional(z.int()),
    occurredOn: z.optional(CalendarDate),
    employmentEndedOn: z.optional(CalendarDate),
    receivedAt: ChinaTimestamp,
    registeredAt: ChinaTimestamp,
    registeredBy: ActorView,
    outcome: z.optional(OutcomeSchema),
    outcomeLabel: z.optional(Label),
    closedAt: z.optional(ChinaTimestamp),
    amountAgreedFen: z.optional(z.int()),
    amountRecoveredFen: z.optional(z.int()),
    /** Recovered money to date by kind (追回欠薪, 工伤赔偿, …), adding up to amountRecoveredFen. */
    amountsRecoveredFen: z.optional(z.partialRecord(z.enum(keysOf(MONEY_KINDS)), z.int())),
    /** A legal-aid application's financial-hardship decision (Legal Aid Law Art. 42), with its Chinese label. */
    legalAidEligibility: z.optional(
      z.object({
        basis: z.enum(['exempt', 'assessed']),
        ground: z.optional(z.enum(keysOf(LEGAL_AID_EXEMPTION_GROUNDS))),
        eligible: z.optional(z.boolean()),
        suggested: z.optional(z.boolean()),
        label: shownText(200),
      }),
    ),
    arbitration: z.optional(
      z.object({
        filedOn: CalendarDate,
        acceptedOn: z.optional(CalendarDate),
        extended: z.optional(z.boolean()),
        awardedOn: z.optional(CalendarDate),
        amountAwardedFen: z.optional(z.int()),
        servedOn: z.optional(CalendarDate),
        finalAward: z.optional(z.boolean()),
      }),
    ),
    /** A work-injury case's accident or diagnosis date (Work Injury Insurance Regulations, Art. 17). */
    workInjury: z.optional(z.object({ accidentOn: z.optional(CalendarDate), diagnosedOn: z.optional(CalendarDate) })),
    followUp: z.optional(
      z.object({
        at: ChinaTimestamp,
        by: StaffSubject,
        reached: z.boolean(),
        satisfaction: z.optional(z.int()),
        note: z.optional(shownText(1000)),
      }),
    ),
    /** Every clock that applies or applied to the case, with its state. */
    deadlines: z.array(DeadlineView).check(z.maxLength(keysOf(CLOCKS).length)),
    /** When an accountable clock was first missed. */
    overdueAt: z.optional(ChinaTimestamp),
    /** The one-year limitation period as seen at intake (Art. 27). */
    limitation: z.optional(
      z.object({
        status: z.enum(['not_running', 'running', 'runs_soon', 'may_have_run', 'unknown']),
        runsOn: z.optional(CalendarDate),
        basis: Sentence,
      }),
    ),
    reopenCount: z.optional(z.int()),
    version: z.int(),
  }),
  { id: 'Case' },
);

export const CaseRowView = documented(
  z.object({
    ...CASE_HEAD_FIELDS,
    /** Always masked: a row never carries contact details (open the case for them, where the role may see them). */
    complainant: z.object({
      name: shownText(50),
      mobile: MaskedPhoneNumberView,
      migrantWorker: z.boolean(),
      modelWorker: z.boolean(),
      womanWorker: z.boolean(),
      masked: z.literal(true),
    }),
    employer: z.optional(EmployerView),
    workersInvolved: z.int(),
    amountClaimedFen: z.optional(z.int()),
    registeredAt: ChinaTimestamp,
    outcome: z.optional(OutcomeSchema),
    outcomeLabel: z.optional(Label),
    closedAt: z.optional(ChinaTimestamp),
    /** When an accountable clock was first missed. */
    overdueAt: z.optional(ChinaTimestamp),
    /** The clock that matters now: the running one due soonest, else the first one missed; absent when none runs. */
    currentClock: z.optional(
      z.object({
        clock: z.enum(keysOf(CLOCKS)),
        clockLabel: Label,
        dueAt: ChinaTimestamp,
        state: z.enum(['running', 'missed']),
      }),
    ),
  }),
  {
    id: 'CaseRow',
    description:
      'A case as lists, pools and transfer pages show it: what a worker of the union scans a list for. ' +
      '`GET /cases/{caseId}` gives the whole case.',
  },
);

export const CaseSummary = documented(
  z.object({
    caseId: CaseId,
    caseNumber: CaseNumber,
    unionCode: UnionCodeView,
    kind: RequestKindSchema,
    channel: ChannelSchema,
    category: CategorySchema,
    categoryLabel: Label,
    status: CaseStatusSchema,
    statusLabel: Label,
    registeredAt: ChinaTimestamp,
    outcome: z.optional(OutcomeSchema),
  }),
  { id: 'CaseSummary' },
);

export const CaseListResponse = documented(
  z.object({
    /** A page: at most the `limit` asked for (1–100). */
    items: z.array(CaseRowView).check(z.maxLength(100)),
    /** Pass as `cursor` to get the next page; absent on the last page. */
    nextCursor: z.optional(shownText(512)),
  }),
  { id: 'CaseList' },
);

export const TimelineEventView = documented(
  z.object({
    eventId: z.string().check(z.uuid()),
    at: ChinaTimestamp,
    type: z.enum(keysOf(TIMELINE_EVENT_TYPES)),
    typeLabel: Label,
    actor: ActorView,
    data: z.record(shownText(64), z.unknown()),
  }),
  { id: 'TimelineEvent' },
);

export const TimelineResponse = z.object({ caseId: CaseId, events: z.array(TimelineEventView) });

export const CallerLookupResponse = documented(
  z.object({
    /** Masked form of the number looked up. */
    phone: MaskedPhoneNumberView,
    cases: z.array(CaseSummary),
  }),
  { id: 'CallerLookup' },
);

const NextStepView = z.object({ text: Sentence, dueAt: z.optional(ChinaTimestamp) });

export const FiledComplaintView = documented(
  z.object({
    caseNumber: CaseNumber,
    /** Shown once: the only way, with the case number, to follow the case. */
    accessCode: z.string().check(z.regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/), z.maxLength(14)),
    status: CaseStatusSchema,
    statusText: Sentence,
    unionName: UnionName,
    registeredAt: ChinaTimestamp,
    nextStep: NextStepView,
    notice: Sentence,
  }),
  { id: 'FiledComplaint' },
);

export const PublicCaseView = documented(
  z.object({
    caseNumber: CaseNumber,
    status: CaseStatusSchema,
    statusText: Sentence,
    category: CategorySchema,
    categoryLabel: Label,
    unionName: UnionName,
    registeredAt: ChinaTimestamp,
    nextStep: NextStepView,
    timeline: z.array(z.object({ at: ChinaTimestamp, what: Sentence, by: UnionName })),
    canGiveFeedback: z.boolean(),
    feedback: z.optional(z.object({ score: z.int(), at: ChinaTimestamp })),
  }),
  { id: 'PublicCase' },
);

export const SupplementView = z.object({ caseNumber: CaseNumber, at: ChinaTimestamp, message: Sentence });
export const FeedbackView = z.object({ caseNumber: CaseNumber, score: z.int(), at: ChinaTimestamp, message: Sentence });

export const StaffView = documented(
  z.object({
    staffId: StaffSubject,
    displayName: shownText(50),
    role: z.enum(['lawyer', 'mediator']),
    unionCode: UnionCodeView,
    // The same bounds as the roster entry a legal department writes.
    categories: RosterEntryBody.shape.categories,
    capacity: z.int(),
    activeCases: z.int(),
    dutyWeekdays: z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.maxLength(7)),
    dutyDates: z.array(CalendarDate).check(z.maxLength(366)),
    conflicts: z.array(CreditCodeView).check(z.maxLength(100)),
    active: z.boolean(),
    updatedAt: ChinaTimestamp,
  }),
  { id: 'RosterEntry' },
);

export const RosterResponse = z.object({ items: z.array(StaffView) });
export const PoolResponse = z.object({ items: z.array(CaseRowView) });
export const TransfersResponse = z.object({ incoming: z.array(CaseRowView), outgoing: z.array(CaseRowView) });

export const AlertView = documented(
  z.object({
    alertId: z.string().check(z.uuid()),
    kind: z.literal('wage_arrears_warning'),
    kindLabel: Label,
    creditCode: CreditCodeView,
    employerName: shownText(100),
    raisedAt: ChinaTimestamp,
    updatedAt: ChinaTimestamp,
    complaintCount: z.int(),
    workersInvolved: z.int(),
    /** Every union holding one of the cases. */
    unions: z.array(z.object({ code: UnionCodeView, name: UnionName })),
    /** The cases in your own area; cases elsewhere are only counted. */
    cases: z.array(
      z.object({
        caseId: CaseId,
        caseNumber: CaseNumber,
        unionCode: UnionCodeView,
        registeredAt: ChinaTimestamp,
        workersInvolved: z.int(),
      }),
    ),
    acknowledgedAt: z.optional(ChinaTimestamp),
    acknowledgedBy: z.optional(StaffSubject),
  }),
  { id: 'Alert', description: '欠薪预警: several complaints against one employer within a short window.' },
);

export const AlertListResponse = documented(
  z.object({
    /** A page: at most the `limit` asked for (1–100). */
    items: z.array(AlertView).check(z.maxLength(100)),
    /** Pass as `cursor` to get the next page; absent on the last page. */
    nextCursor: z.optional(shownText(512)),
  }),
  { id: 'AlertList' },
);

export const UnionListResponse = documented(
  z.object({ items: z.array(z.object({ code: UnionCodeView, name: UnionName, parentCode: z.nullable(UnionCodeView) })) }),
  { id: 'UnionList', description: 'The union directory, parents before children.' },
);

/** This API's own description; its shape is OpenAPI 3.1's, not ours to restate. */
export const OpenApiDocumentView = z.looseObject({ openapi: z.literal('3.1.0') });
