import * as z from 'zod/mini';
import { CategorySchema, CreditCodeSchema, DivisionCodeSchema } from './case.js';
import { CalendarDate, documented, phrased, text } from './common.js';
import { OVERRIDABLE_RULES } from '../domain/roster.js';

export const StaffIdParams = z.strictObject({
  staffId: z.string().check(
    phrased(z.uuid(), {
      zh: '应为工作人员ID（UUID，即其在工作人员登录系统中的sub）',
      en: 'must be a staff id (UUID, the user’s sub at the staff sign-in issuer)',
    }),
  ),
});

export const RosterQuery = z.strictObject({ role: z.optional(z.enum(['lawyer', 'mediator'])) });

export const RosterEntryBody = documented(
  z.strictObject({
    displayName: text(1, 50),
    role: z.enum(['lawyer', 'mediator']),
    /** The union whose pool they work: the admin's own or one below it. */
    unionCode: DivisionCodeSchema,
    categories: z.array(CategorySchema).check(z.minLength(1), z.maxLength(11)),
    capacity: z.int().check(z.minimum(0), z.maximum(200)),
    dutyWeekdays: z._default(z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.maxLength(7)), []),
    dutyDates: z._default(z.array(CalendarDate).check(z.maxLength(366)), []),
    conflicts: z._default(z.array(CreditCodeSchema).check(z.maxLength(100)), []),
    active: z._default(z.boolean(), true),
  }),
  {
    id: 'RosterEntryRequest',
    description:
      'A volunteer lawyer or mediator on the roster: what they take, how much, when, and whom they must not act against.',
    examples: [
      {
        displayName: '志愿律师 赵磊',
        role: 'lawyer',
        unionCode: '210102',
        categories: ['wage_arrears', 'work_injury', 'labour_contract', 'labour_relationship', 'compensation'],
        capacity: 8,
        dutyWeekdays: [1, 3, 5],
        dutyDates: [],
        conflicts: ['91210106MA0P5K7L22'],
        active: true,
      },
    ],
  },
);

export const ReasonBody = documented(z.strictObject({ reason: text(2, 500) }), {
  id: 'ReasonRequest',
  examples: [{ reason: '与用人单位负责人有亲属关系，申请回避。' }],
});

export const AssignBody = documented(
  z.strictObject({
    staffId: z.string().check(phrased(z.uuid(), { zh: '应为工作人员ID（UUID）', en: 'must be a staff id (UUID)' })),
    /**
     * Assign despite the named rules (category not taken, conflict of interest,
     * capacity) and only those; the rules and the reason are kept on the timeline.
     */
    override: z.optional(
      z.strictObject({
        rules: z.array(z.enum(OVERRIDABLE_RULES)).check(
          z.minLength(1),
          z.maxLength(OVERRIDABLE_RULES.length),
          phrased(
            z.refine((rules) => new Set(rules).size === rules.length),
            { zh: '每条规则只能列出一次', en: 'must name each rule once' },
          ),
        ),
        reason: text(2, 500),
      }),
    ),
  }),
  {
    id: 'AssignRequest',
    examples: [
      { staffId: '8d1c7f0e-0005-4000-8000-000000000005' },
      {
        staffId: '8d1c7f0e-0005-4000-8000-000000000005',
        override: { rules: ['at_capacity'], reason: '律师本人同意加办此案。' },
      },
    ],
  },
);

export const TransferBody = documented(z.strictObject({ toUnion: DivisionCodeSchema, reason: text(2, 500) }), {
  id: 'TransferRequest',
  description: '转交: hand the case to another union (e.g. where the employer is registered).',
  examples: [{ toUnion: '210103', reason: '用人单位注册地和用工地均在沈河区，转沈河区总工会办理。' }],
});
