import * as z from 'zod/mini';
import { CALL_DIRECTIONS } from '../domain/hotline-calls.js';
import { MONEY_KINDS, keysOf, type MoneyKind } from '../domain/vocabulary.js';
import { OutcomeSchema } from './case.js';
import { CalendarDate, Fen, documented, phrased, text } from './common.js';

const MoneyKindSchema = z.enum(keysOf(MONEY_KINDS));

/** Amounts by kind of money (MONEY_KINDS), integer fen: one named field per kind, so the document lists them. */
const AmountsByKindBody = z.strictObject({
  wages: z.optional(Fen),
  injury_compensation: z.optional(Fen),
  economic_compensation: z.optional(Fen),
  social_insurance: z.optional(Fen),
  other: z.optional(Fen),
} satisfies Record<MoneyKind, unknown>);

/** One entry of case work, by type; each becomes an immutable timeline event. */
export const WorkEntryBody = documented(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('note'), text: text(1, 2000) }),
    z.strictObject({ type: z.literal('call'), with: z.enum(['complainant', 'employer', 'other']), summary: text(1, 2000) }),
    z.strictObject({ type: z.literal('mediation_session'), heldOn: CalendarDate, summary: text(1, 2000) }),
    z.strictObject({
      type: z.literal('mediated_agreement'),
      signedOn: CalendarDate,
      amountAgreedFen: Fen,
      summary: text(1, 2000),
    }),
    z.strictObject({ type: z.literal('arbitration_filed'), filedOn: CalendarDate, commission: text(2, 100) }),
    z.strictObject({ type: z.literal('arbitration_accepted'), acceptedOn: CalendarDate }),
    z.strictObject({ type: z.literal('arbitration_extended'), reason: text(2, 500) }),
    z.strictObject({
      type: z.literal('arbitration_awarded'),
      awardedOn: CalendarDate,
      amountAwardedFen: z.optional(Fen),
      summary: text(1, 2000),
    }),
    z.strictObject({ type: z.literal('labour_inspection_referred'), referredOn: CalendarDate, summary: text(1, 2000) }),
    z.strictObject({
      type: z.literal('injury_recorded'),
      /** The accident (工伤事故) date, or … */
      accidentOn: z.optional(CalendarDate),
      /** … the date the occupational disease was diagnosed (职业病诊断); exactly one of the two. */
      diagnosedOn: z.optional(CalendarDate),
    }),
    z.strictObject({ type: z.literal('award_served'), servedOn: CalendarDate, finalAward: z.boolean() }),
    z.strictObject({
      type: z.literal('payment_received'),
      receivedOn: CalendarDate,
      kind: MoneyKindSchema,
      amountFen: z.int().check(z.minimum(1), z.maximum(100_000_000_000)),
      summary: z.optional(text(1, 2000)),
    }),
    z.strictObject({
      type: z.literal('correction'),
      correctsEventId: z
        .string()
        .check(phrased(z.uuid(), { zh: '应为本案时间线上某条记录的ID', en: 'must be the id of an event on this case' })),
      /** The field of that event to correct, e.g. `filedOn`; its type decides what `value` must be. */
      field: z.string().check(
        z.maxLength(40),
        phrased(z.regex(/^[a-zA-Z]{1,40}$/), {
          zh: '应为被更正记录中的字段名',
          en: 'must name a field of the corrected event',
        }),
      ),
      /** The new value: a date `YYYY-MM-DD`, an amount in integer fen, true/false or text, as the field is. */
      value: z.union([z.string().check(z.minLength(1), z.maxLength(2000)), z.int(), z.boolean()]),
      /** Why (optional): shown on the timeline beside the correction. */
      text: z.optional(text(1, 2000)),
    }),
  ]),
  {
    id: 'WorkEntryRequest',
    description:
      'Case work, by `type`: note, call, mediation_session, mediated_agreement (amount agreed), arbitration_filed (date filed: starts the 5-working-day acceptance clock), arbitration_accepted (starts the 45-day award clock), arbitration_extended (+15 days, once), arbitration_awarded, labour_inspection_referred, injury_recorded (accident or diagnosis date of a work-injury case: starts the employer’s 30 days and the worker’s or union’s 1 year to apply for recognition, Work Injury Insurance Regulations Art. 17), award_served (the award’s service date and whether it is final: starts the 15 days to sue, Arts. 48/50, and for a final award the employer’s 30 days to apply to set it aside, Art. 49), payment_received (a payment the worker received after the agreement or award: its kind, amount in fen and date; counted in the month received), correction (events are never edited; a correction names the event, the field and its new value, and the clocks are recomputed from the corrected facts; the timeline keeps both).',
    examples: [
      { type: 'mediation_session', heldOn: '2026-11-20', summary: '双方到场，用人单位同意分两期支付欠薪。' },
      { type: 'arbitration_filed', filedOn: '2026-11-20', commission: '沈阳市和平区劳动人事争议仲裁委员会' },
      { type: 'injury_recorded', accidentOn: '2026-09-15' },
      { type: 'award_served', servedOn: '2026-12-01', finalAward: false },
      {
        type: 'correction',
        correctsEventId: '0b6f2c1e-6a1d-4a57-9d0e-2f1c5b7e8a90',
        field: 'filedOn',
        value: '2026-11-19',
        text: '申请日期登记有误，以仲裁委收件回执为准。',
      },
    ],
  },
);

export const CloseBody = documented(
  z.strictObject({
    outcome: OutcomeSchema,
    summary: text(2, 2000),
    /** The case's recovered money to date, by kind (fen). */
    amountsRecoveredFen: z.optional(AmountsByKindBody),
    /** Deprecated: one total, counted as the kind the case's category implies. */
    amountRecoveredFen: z.optional(Fen),
    amountAgreedFen: z.optional(Fen),
  }),
  {
    id: 'CloseRequest',
    description:
      'Concludes the case with its outcome and the money for the worker (integer fen): `amountsRecoveredFen` is what the worker has recovered in all to date, by kind (wages 追回欠薪, injury_compensation 工伤赔偿, economic_compensation, social_insurance, other), including payments already recorded; only what was not counted before is counted, in this month, so closing a reopened case again never counts money twice. `amountRecoveredFen` (one total) is still accepted from older clients and counted as the kind the category implies (wage_arrears → wages, work_injury and occupational_disease → injury_compensation, compensation → economic_compensation, social_insurance → social_insurance, otherwise other); give one or the other. `amountAgreedFen` is the amount agreed (协议金额).',
    examples: [
      {
        outcome: 'mediated_agreement',
        summary: '调解成功，用人单位已支付全部欠薪。',
        amountAgreedFen: 3_600_000,
        amountsRecoveredFen: { wages: 3_600_000 },
      },
    ],
  },
);

export const FollowUpBody = documented(
  z.strictObject({
    reached: z.boolean(),
    /** 1 (very dissatisfied) … 5 (very satisfied); required when the worker was reached. */
    satisfaction: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
    note: z.optional(text(1, 1000)),
  }),
  {
    id: 'FollowUpRequest',
    description: '回访: the call-back after closure, with the worker’s satisfaction when they were reached.',
    examples: [{ reached: true, satisfaction: 5, note: '职工表示欠薪已全部到账。' }],
  },
);

export const HotlineCallBody = documented(
  z.strictObject({
    direction: z.enum(keysOf(CALL_DIRECTIONS)),
    /** Seconds, when the telephony system or the operator knows how long the call took. */
    durationSeconds: z.optional(z.int().check(z.minimum(1), z.maximum(86_400))),
    note: text(1, 1000),
  }),
  {
    id: 'HotlineCallRequest',
    description:
      'A 12351 call about an existing case: `inbound` (the worker rang about it, counted in 12351来电接听) or `outbound` (the union rang them, 12351去电), with a short note.',
    examples: [{ direction: 'inbound', durationSeconds: 240, note: '职工询问调解进度，已告知下次调解时间。' }],
  },
);
