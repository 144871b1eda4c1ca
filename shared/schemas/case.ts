import * as z from 'zod/mini';
import {
  IDENTIFIER_SHAPES,
  creditCodeProblem,
  divisionCodeProblem,
  normalizePhoneNumber,
  phoneNumberProblem,
  residentIdProblem,
} from '../domain/identifiers.js';
import {
  CASE_STATUSES,
  CATEGORIES,
  CHANNELS,
  LEGAL_AID_EXEMPTION_GROUNDS,
  OUTCOMES,
  REQUEST_KINDS,
  STAFF_CHANNELS,
  keysOf,
} from '../domain/vocabulary.js';
import {
  CalendarDate,
  CaseId,
  Fen,
  Month,
  Timestamp,
  documented,
  phrased,
  phrasedIssue,
  text,
  validatedBy,
  withLength,
} from './common.js';

/** Room for a number with +86, spaces and parentheses: "+86 (0411) 8888-8888" is 20 characters. */
const PHONE_NUMBER_MAX_WRITTEN = 32;

export const RequestKindSchema = z.enum(keysOf(REQUEST_KINDS));
export const ChannelSchema = z.enum(keysOf(CHANNELS));
export const CategorySchema = z.enum(keysOf(CATEGORIES));
export const CaseStatusSchema = z.enum(keysOf(CASE_STATUSES));
export const OutcomeSchema = z.enum(keysOf(OUTCOMES));

/**
 * A caller's mainland mobile or landline number, however written (+86, spaces,
 * hyphens, parentheses), read as its one canonical form: 13812345678,
 * 024-23456789. Stored, hashed for caller look-up and shown in that form.
 */
export const PhoneNumberSchema = documented(
  z.string().check(
    z.maxLength(PHONE_NUMBER_MAX_WRITTEN),
    validatedBy(phoneNumberProblem),
    z.overwrite((written) => normalizePhoneNumber(written)?.canonical ?? written),
  ),
  { examples: ['13812345678', '+86 138 1234 5678', '024-23456789', '(0411) 8888888'] },
);
export const DivisionCodeSchema = withLength(
  z.string().check(validatedBy(divisionCodeProblem)),
  6,
  IDENTIFIER_SHAPES.divisionCode,
);
/** A resident ID number; a lowercase check character `x` (as typed on many phones) is read as `X`. */
export const ResidentIdSchema = withLength(
  z.string().check(
    z.toUpperCase(),
    validatedBy((value) => residentIdProblem(value)),
  ),
  18,
  /^\d{17}[\dXx]$/,
);
export const CreditCodeSchema = withLength(z.string().check(validatedBy(creditCodeProblem)), 18, IDENTIFIER_SHAPES.creditCode);

export const ComplainantInput = z.strictObject({
  name: text(1, 50),
  /** A mobile or a landline (the field keeps its name; see PhoneNumberSchema). SMS goes to mobiles only. */
  mobile: PhoneNumberSchema,
  idNumber: z.optional(ResidentIdSchema),
  /** 农民工: claims for pay or injury compensation skip the legal-aid means test. */
  migrantWorker: z._default(z.boolean(), false),
  /** 劳模: lifelong priority legal aid. */
  modelWorker: z._default(z.boolean(), false),
  /** 女职工: special-rights cases are reported separately. */
  womanWorker: z._default(z.boolean(), false),
});

export const EmployerInput = z.strictObject({
  name: text(1, 100),
  creditCode: z.optional(CreditCodeSchema),
});

/**
 * What a worker's dispute is about, whoever writes it down: the hotline
 * operator here, the worker on the web or WeChat in the public routes. Kinds
 * that concern an employer must name it.
 */
export const disputeContentShape = {
  category: CategorySchema,
  /** Division code of where the work is done; decides the responsible union. */
  regionCode: DivisionCodeSchema,
  complainant: ComplainantInput,
  employer: z.optional(EmployerInput),
  description: text(1, 4000),
  workersInvolved: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 1),
  amountClaimedFen: z.optional(Fen),
  /** When the worker knew of the infringement (starts the arbitration limitation period). */
  occurredOn: z.optional(CalendarDate),
  employmentEndedOn: z.optional(CalendarDate),
};

const KINDS_NEEDING_EMPLOYER = new Set(['complaint', 'legal_aid_application', 'petition']);

/** Kinds that concern an employer must name it, however the dispute arrives. */
export const employerNamedWhenNeeded = z.superRefine<{ kind: string; employer?: unknown }>((body, ctx) => {
  if (!body.employer && KINDS_NEEDING_EMPLOYER.has(body.kind)) {
    const phrase = {
      zh: `${REQUEST_KINDS[body.kind as keyof typeof REQUEST_KINDS]}须填写用人单位`,
      en: `a ${body.kind} must name the employer`,
    };
    ctx.addIssue(phrasedIssue(phrase, body.employer, ['employer']));
  }
});

/**
 * The financial-hardship decision on a legal-aid application (Legal Aid Law
 * Art. 42): exempt on a ground, or assessed. Left out, intake suggests the
 * Art. 42 (3) exemption when a migrant worker claims pay or injury compensation.
 */
export const LegalAidEligibilityInput = z.discriminatedUnion('basis', [
  z.strictObject({ basis: z.literal('exempt'), ground: z.enum(keysOf(LEGAL_AID_EXEMPTION_GROUNDS)) }),
  z.strictObject({ basis: z.literal('assessed'), eligible: z.boolean() }),
]);

export const RegisterCaseBody = documented(
  z
    .strictObject({
      kind: RequestKindSchema,
      channel: z.enum(STAFF_CHANNELS),
      ...disputeContentShape,
      /** When the call came in; defaults to now. */
      receivedAt: z.optional(Timestamp),
      /** A consultation answered on the call is registered already closed. */
      answeredOnCall: z.optional(z.strictObject({ advice: text(1, 2000) })),
      legalAidEligibility: z.optional(LegalAidEligibilityInput),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.answeredOnCall && body.kind !== 'consultation') {
          const phrase = { zh: '只有咨询可以当场解答', en: 'only a consultation can be answered on the call' };
          ctx.addIssue(phrasedIssue(phrase, body.answeredOnCall, ['answeredOnCall']));
        }
        if (body.legalAidEligibility && body.kind !== 'legal_aid_application') {
          const phrase = {
            zh: '只有法律援助申请需要作出援助资格决定',
            en: 'only a legal-aid application has an eligibility decision',
          };
          ctx.addIssue(phrasedIssue(phrase, body.legalAidEligibility, ['legalAidEligibility']));
        }
      }),
      employerNamedWhenNeeded,
    ),
  {
    id: 'RegisterCaseRequest',
    description: 'A call logged by a 12351 hotline operator (or a walk-in, letter or referral).',
    examples: [
      {
        kind: 'complaint',
        channel: 'hotline',
        category: 'wage_arrears',
        regionCode: '210102',
        complainant: {
          name: '张伟',
          mobile: '13812345678',
          idNumber: '210102199003071233',
          migrantWorker: true,
        },
        employer: { name: '沈阳和平建筑工程有限公司', creditCode: '91210102MA0QC12347' },
        description: '在和平区工地做钢筋工，2026年8月至10月工资共36000元未发，项目经理不接电话。',
        workersInvolved: 1,
        amountClaimedFen: 3_600_000,
        occurredOn: '2026-10-31',
      },
    ],
  },
);
export type RegisterCaseInput = z.infer<typeof RegisterCaseBody>;

export const CaseIdParams = z.strictObject({ caseId: CaseId });

/** Query strings arrive as text; `limit` is a whole number of cases per page. */
const PageLimit = z.pipe(
  withLength(
    z.string().check(phrased(z.regex(/^\d{1,3}$/), { zh: '应为1到100之间的整数', en: 'must be a whole number from 1 to 100' })),
    3,
  ),
  z.transform(Number).check(z.minimum(1), z.maximum(100)),
);

/** The paging every list takes: `limit` per page and the previous page's `nextCursor` as `cursor`. */
export const PageQuery = {
  limit: z.optional(PageLimit),
  cursor: z.optional(z.string().check(z.maxLength(512))),
};

export const ListCasesQuery = z.strictObject({
  status: z.optional(CaseStatusSchema),
  category: z.optional(CategorySchema),
  kind: z.optional(RequestKindSchema),
  month: z.optional(Month),
  /** Only cases that missed an accountable clock (the legal department's 督办 list). */
  overdue: z.optional(z.literal('true')),
  ...PageQuery,
});

export const ListAlertsQuery = z.strictObject(PageQuery);
export type ListCasesFilter = z.infer<typeof ListCasesQuery>;

export const CallerLookupBody = documented(z.strictObject({ phone: PhoneNumberSchema }), {
  id: 'CallerLookupRequest',
  description:
    'The number the caller is phoning from, mobile or landline, written any usual way: the same number written ' +
    'differently (024-23456789, (024) 2345 6789, +86 24 23456789) finds the same cases.',
  examples: [{ phone: '13812345678' }, { phone: '024-23456789' }],
});
