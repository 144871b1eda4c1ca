import * as z from 'zod/mini';
import { DivisionCodeSchema } from './case.js';
import { Month } from './common.js';

/** The formats a monthly report is served in: JSON for screens, CSV and Excel for filing and spreadsheets. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Content types of the report files. */
export const REPORT_FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<Exclude<ReportFormat, 'json'>, string>;

export const MonthlyReportQuery = z.strictObject({
  /** The union reported on: your own (the default) or one below it. */
  union: z.optional(DivisionCodeSchema),
  /** `YYYY-MM` (China time): the month, or the first month of a trend. */
  month: Month,
  /** `YYYY-MM`: the last month of a trend, at most 12 months from `month`. */
  to: z.optional(Month),
  format: z._default(z.enum(REPORT_FORMATS), 'json'),
});
export type MonthlyReportFilter = z.infer<typeof MonthlyReportQuery>;

export const FileReportParams = z.strictObject({
  union: DivisionCodeSchema,
  /** `YYYY-MM`: a month that has ended (China time). */
  month: Month,
});
