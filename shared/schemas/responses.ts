import * as z from 'zod/mini';
import { CLOCKS } from '../domain/deadlines.js';
import { TIMELINE_EVENT_TYPES, keysOf } from '../domain/vocabulary.js';
import { CaseStatusSchema, CategorySchema, ChannelSchema, OutcomeSchema, RequestKindSchema } from './case.js';
import { CaseId, documented } from './common.js';

/**
 * What the routes answer, for the OpenAPI document and the tests. Kept apart
 * from the request schemas on purpose: handlers never import this module, so
 * building these schemas costs no function any cold-start time.
 */

const ActorView = z.object({
  kind: z.enum(['staff', 'complainant', 'system']),
  role: z.optional(z.string()),
  staffId: z.optional(z.string()),
});

const ComplainantView = z.object({
  name: z.string(),
  mobile: z.string(),
  idNumber: z.optional(z.string()),
  migrantWorker: z.boolean(),
  modelWorker: z.boolean(),
  womanWorker: z.boolean(),
  /** True when name, mobile and ID number are masked for the caller's role. */
  masked: z.boolean(),
});

const DeadlineView = documented(
  z.object({
    clock: z.enum(keysOf(CLOCKS)),
    clockLabel: z.string(),
    startedAt: z.string(),
    dueAt: z.string(),
    basis: z.string(),
    metAt: z.optional(z.string()),
    escalatedAt: z.optional(z.string()),
    /** Counted past the loaded holiday calendar: may move when the next year is loaded. */
    beyondCalendar: z.optional(z.boolean()),
    state: z.enum(['running', 'met', 'met_late', 'missed']),
  }),
  { id: 'Deadline', description: 'A statutory or target clock on a case.' },
);

export const CaseView = documented(
  z.object({
    caseId: CaseId,
    caseNumber: z.string(),
    unionCode: z.string(),
    unionName: z.string(),
    kind: RequestKindSchema,
    kindLabel: z.string(),
    channel: ChannelSchema,
    channelLabel: z.string(),
    category: CategorySchema,
    categoryLabel: z.string(),
    status: CaseStatusSchema,
    statusLabel: z.string(),
    priority: z.enum(['urgent', 'priority', 'ordinary']),
    route: z.enum(['closed', 'mediation', 'lawyer', 'legal_department']),
    pool: z.optional(z.enum(['mediation', 'lawyer'])),
    owner: z.optional(z.object({ staffId: z.string(), role: z.string(), since: z.string() })),
    transfer: z.optional(
      z.object({
        fromUnion: z.string(),
        toUnion: z.string(),
        reason: z.string(),
        requestedAt: z.string(),
        requestedBy: z.string(),
      }),
    ),
    regionCode: z.string(),
    complainant: ComplainantView,
    employer: z.optional(z.object({ name: z.string(), creditCode: z.optional(z.string()) })),
    description: z.string(),
    workersInvolved: z.int(),
    collective: z.boolean(),
    amountClaimedFen: z.optional(z.int()),
    occurredOn: z.optional(z.string()),
    employmentEndedOn: z.optional(z.string()),
    receivedAt: z.string(),
    registeredAt: z.string(),
    registeredBy: ActorView,
    outcome: z.optional(OutcomeSchema),
    outcomeLabel: z.optional(z.string()),
    closedAt: z.optional(z.string()),
    amountAgreedFen: z.optional(z.int()),
    amountRecoveredFen: z.optional(z.int()),
    arbitration: z.optional(
      z.object({
        filedOn: z.string(),
        acceptedOn: z.optional(z.string()),
        extended: z.optional(z.boolean()),
        awardedOn: z.optional(z.string()),
        amountAwardedFen: z.optional(z.int()),
      }),
    ),
    followUp: z.optional(
      z.object({
        at: z.string(),
        by: z.string(),
        reached: z.boolean(),
        satisfaction: z.optional(z.int()),
        note: z.optional(z.string()),
      }),
    ),
    /** Every clock that applies or applied to the case, with its state. */
    deadlines: z.array(DeadlineView),
    /** When an accountable clock was first missed. */
    overdueAt: z.optional(z.string()),
    /** The one-year limitation period as seen at intake (Art. 27). */
    limitation: z.optional(
      z.object({
        status: z.enum(['not_running', 'running', 'runs_soon', 'may_have_run', 'unknown']),
        runsOn: z.optional(z.string()),
        basis: z.string(),
      }),
    ),
    reopenCount: z.optional(z.int()),
    version: z.int(),
  }),
  { id: 'Case' },
);

export const CaseSummary = documented(
  z.object({
    caseId: CaseId,
    caseNumber: z.string(),
    unionCode: z.string(),
    kind: RequestKindSchema,
    channel: ChannelSchema,
    category: CategorySchema,
    categoryLabel: z.string(),
    status: CaseStatusSchema,
    statusLabel: z.string(),
    registeredAt: z.string(),
    outcome: z.optional(OutcomeSchema),
  }),
  { id: 'CaseSummary' },
);

export const CaseListResponse = documented(
  z.object({
    items: z.array(CaseView),
    /** Pass as `cursor` to get the next page; absent on the last page. */
    nextCursor: z.optional(z.string()),
  }),
  { id: 'CaseList' },
);

export const TimelineEventView = documented(
  z.object({
    eventId: z.string(),
    at: z.string(),
    type: z.enum(keysOf(TIMELINE_EVENT_TYPES)),
    typeLabel: z.string(),
    actor: z.object({
      kind: z.enum(['staff', 'complainant', 'system']),
      role: z.optional(z.string()),
      staffId: z.optional(z.string()),
    }),
    data: z.record(z.string(), z.unknown()),
  }),
  { id: 'TimelineEvent' },
);

export const TimelineResponse = z.object({ caseId: CaseId, events: z.array(TimelineEventView) });

export const CallerLookupResponse = documented(
  z.object({
    /** Masked form of the number looked up. */
    phone: z.string(),
    cases: z.array(CaseSummary),
  }),
  { id: 'CallerLookup' },
);

const NextStepView = z.object({ text: z.string(), dueAt: z.optional(z.string()) });

export const FiledComplaintView = documented(
  z.object({
    caseNumber: z.string(),
    /** Shown once: the only way, with the case number, to follow the case. */
    accessCode: z.string(),
    status: CaseStatusSchema,
    statusText: z.string(),
    unionName: z.string(),
    registeredAt: z.string(),
    nextStep: NextStepView,
    notice: z.string(),
  }),
  { id: 'FiledComplaint' },
);

export const PublicCaseView = documented(
  z.object({
    caseNumber: z.string(),
    status: CaseStatusSchema,
    statusText: z.string(),
    category: CategorySchema,
    categoryLabel: z.string(),
    unionName: z.string(),
    registeredAt: z.string(),
    nextStep: NextStepView,
    timeline: z.array(z.object({ at: z.string(), what: z.string(), by: z.string() })),
    canGiveFeedback: z.boolean(),
    feedback: z.optional(z.object({ score: z.int(), at: z.string() })),
  }),
  { id: 'PublicCase' },
);

export const SupplementView = z.object({ caseNumber: z.string(), at: z.string(), message: z.string() });
export const FeedbackView = z.object({ caseNumber: z.string(), score: z.int(), at: z.string(), message: z.string() });

export const StaffView = documented(
  z.object({
    staffId: z.string(),
    displayName: z.string(),
    role: z.enum(['lawyer', 'mediator']),
    unionCode: z.string(),
    categories: z.array(CategorySchema),
    capacity: z.int(),
    activeCases: z.int(),
    dutyWeekdays: z.array(z.int()),
    dutyDates: z.array(z.string()),
    conflicts: z.array(z.string()),
    active: z.boolean(),
    updatedAt: z.string(),
  }),
  { id: 'RosterEntry' },
);

export const RosterResponse = z.object({ items: z.array(StaffView) });
export const PoolResponse = z.object({ items: z.array(CaseView) });
export const TransfersResponse = z.object({ incoming: z.array(CaseView), outgoing: z.array(CaseView) });

export const AlertView = documented(
  z.object({
    alertId: z.string(),
    kind: z.literal('wage_arrears_warning'),
    kindLabel: z.string(),
    creditCode: z.string(),
    employerName: z.string(),
    raisedAt: z.string(),
    updatedAt: z.string(),
    complaintCount: z.int(),
    workersInvolved: z.int(),
    /** Every union holding one of the cases. */
    unions: z.array(z.object({ code: z.string(), name: z.string() })),
    /** The cases in your own area; cases elsewhere are only counted. */
    cases: z.array(
      z.object({
        caseId: CaseId,
        caseNumber: z.string(),
        unionCode: z.string(),
        registeredAt: z.string(),
        workersInvolved: z.int(),
      }),
    ),
    acknowledgedAt: z.optional(z.string()),
    acknowledgedBy: z.optional(z.string()),
  }),
  { id: 'Alert', description: '欠薪预警: several complaints against one employer within a short window.' },
);

export const AlertListResponse = documented(z.object({ items: z.array(AlertView) }), { id: 'AlertList' });

export const UnionListResponse = documented(
  z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), parentCode: z.nullable(z.string()) })) }),
  { id: 'UnionList', description: 'The union directory, parents before children.' },
);
