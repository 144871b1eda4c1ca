import * as z from 'zod/mini';
import { DivisionCodeSchema } from './case.js';
import { Month } from './common.js';

/**
 * The files a monthly report is exported as, for filing and spreadsheets (the
 * JSON report is its own route, so that its function never bundles ExcelJS).
 */
export const REPORT_FILE_FORMATS = ['xlsx', 'csv'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** Content types of the report files. */
export const REPORT_FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<ReportFileFormat, string>;

export const MonthlyReportQuery = z.strictObject({
  /** The union reported on: your own (the default) or one below it. */
  union: z.optional(DivisionCodeSchema),
  /** `YYYY-MM` (China time): the month, or the first month of a trend. */
  month: Month,
  /** `YYYY-MM`: the last month of a trend, at most 12 months from `month`. */
  to: z.optional(Month),
});
export type MonthlyReportFilter = z.infer<typeof MonthlyReportQuery>;

/** The same report as a file: the JSON report's query and the file's format. */
export const MonthlyReportExportQuery = z.extend(MonthlyReportQuery, {
  format: z.enum(REPORT_FILE_FORMATS),
});

export const FileReportParams = z.strictObject({
  union: DivisionCodeSchema,
  /** `YYYY-MM`: a month that has ended (China time). */
  month: Month,
});
