import * as z from 'zod/mini';
import { PUBLIC_CHANNELS, PUBLIC_REQUEST_KINDS } from '../domain/vocabulary.js';
import { disputeContentShape, employerNamedWhenNeeded } from './case.js';
import { CaseNumber, documented, phrased, text, withLength } from './common.js';

/** Routes for workers without an account: the web page and the WeChat mini-program. */

export const FileComplaintBody = documented(
  z
    .strictObject({
      kind: z._default(z.enum(PUBLIC_REQUEST_KINDS), 'complaint'),
      channel: z.enum(PUBLIC_CHANNELS),
      ...disputeContentShape,
    })
    .check(employerNamedWhenNeeded),
  {
    id: 'FileComplaintRequest',
    description: 'A complaint a worker files on the web or WeChat: the same content the hotline takes.',
    examples: [
      {
        kind: 'complaint',
        channel: 'wechat',
        category: 'wage_arrears',
        regionCode: '210103',
        complainant: { name: '王建国', mobile: '13700001234', migrantWorker: true },
        employer: { name: '沈阳沈河物业服务有限公司', creditCode: '91210102MA0QC12347' },
        description: '在沈河区做保洁，9月和10月工资共7200元一直没发，公司说等甲方付款。',
        amountClaimedFen: 720_000,
        occurredOn: '2026-10-15',
      },
    ],
  },
);
export type FileComplaintInput = z.infer<typeof FileComplaintBody>;

export const CaseNumberParams = z.strictObject({
  caseNumber: CaseNumber,
});

export const IdempotencyHeaders = z.object({
  /** Any unique string per submission (a UUID is ideal); a retry sends the same one. */
  'idempotency-key': z.optional(
    withLength(
      z.string().check(
        phrased(z.regex(/^[A-Za-z0-9._:-]{8,128}$/), {
          zh: '应为8–128位字母、数字或 . _ : -',
          en: 'must be 8–128 letters, digits or . _ : -',
        }),
      ),
      128,
    ),
  ),
});

export const AccessCodeHeaders = z.object({
  /** The access code shown once when the complaint was filed, e.g. K7QM-2XWD-9HRT. */
  'x-access-code': z.string().check(z.minLength(1), z.maxLength(64)),
});

export const SupplementBody = documented(z.strictObject({ text: text(1, 2000) }), {
  id: 'SupplementRequest',
  description: 'More information from the complainant; the staff working the case see it on the timeline.',
  examples: [{ text: '补充：项目经理姓李，电话13800005678，工地在和平区南京南街。' }],
});

export const FeedbackBody = documented(
  z.strictObject({
    /** 1 (very dissatisfied) to 5 (very satisfied). */
    score: z.int().check(z.minimum(1), z.maximum(5)),
    comment: z.optional(text(1, 500)),
  }),
  { id: 'FeedbackRequest', examples: [{ score: 5, comment: '律师很耐心，工资已经拿到了。' }] },
);
