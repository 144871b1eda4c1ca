import * as z from 'zod/mini';
import { FIGURE_NAMES, derive } from '../domain/figures.js';
import { completeFigures } from '../domain/monthly-report.js';
import { Month, StaffSubject, Timestamp, UnionCodeView, UnionName, documented, shownText } from './common.js';

/**
 * What the report routes answer, for the OpenAPI document and the tests
 * (handlers never import this module; see responses.ts).
 */

/** A figure's name, e.g. `closedOnTime` or `category.wage_arrears` (see FIGURE_NAMES). */
const FigureName = shownText(64);

const FiguresView = documented(z.record(FigureName, z.number()), {
  id: 'ReportFigures',
  description:
    'Figure name → count (money in fen, time in seconds), every figure present, zero where nothing was counted. Names: ' +
    `${FIGURE_NAMES.join(', ')}.`,
});

const DerivedView = documented(
  z.object({
    /** closedOnTime ÷ closed, 4 decimals. */
    onTimeRate: z.optional(z.number()),
    averageDaysToClose: z.optional(z.number()),
    /** satisfied ÷ rated (call-backs), 4 decimals. */
    satisfactionRate: z.optional(z.number()),
    /** satisfiedOnline ÷ ratedOnline (the workers' own ratings), 4 decimals. */
    onlineSatisfactionRate: z.optional(z.number()),
  }),
  { id: 'ReportDerivedFigures', description: 'Rates and averages; absent when there is nothing to divide by.' },
);

const FigureBlockShape = { figures: FiguresView, derived: DerivedView };

const FiledView = z.object({
  revision: z.int(),
  filedAt: Timestamp,
  filedBy: StaffSubject,
  figures: FiguresView,
});

const MonthReportView = z.object({
  month: Month,
  own: z.object(FigureBlockShape),
  subtree: z.object(FigureBlockShape),
  children: z.array(z.object({ unionCode: UnionCodeView, unionName: UnionName, ...FigureBlockShape })),
  filing: z.object({
    filed: z.optional(FiledView),
    /** Current subtree figures − filed ones, non-zero only. */
    difference: z.optional(z.record(FigureName, z.number())),
  }),
});

const exampleOwn = {
  callsAnswered: 3,
  consultations: 1,
  opened: 4,
  workersInvolved: 15,
  collective: 1,
  migrantWorker: 2,
  amountClaimedFen: 4_860_000,
  closed: 2,
  closedOnTime: 2,
  secondsToClose: 777_600,
  amountRecoveredFen: 1_250_000,
  followUps: 1,
  rated: 1,
  satisfied: 1,
  'channel.hotline': 3,
  'channel.walk_in': 1,
  'kind.consultation': 1,
  'kind.complaint': 3,
  'category.wage_arrears': 3,
  'category.work_injury': 1,
  'outcome.advice_given': 1,
  'outcome.mediated_agreement': 1,
};
const exampleBlock = { figures: completeFigures(exampleOwn), derived: derive(exampleOwn) };
const zero = { figures: completeFigures({}), derived: {} };

export const MonthlyReportResponse = documented(
  z.object({
    union: z.object({ code: UnionCodeView, name: UnionName }),
    from: Month,
    to: Month,
    months: z.array(MonthReportView),
  }),
  {
    id: 'MonthlyReport',
    description:
      'A union’s monthly figures: its own cases, its subtree’s roll-up and each child union’s roll-up, with derived rates ' +
      'and the filing state, month by month. `GET /reports/monthly/export` serves the same figures as a file.',
    examples: [
      {
        union: { code: '210102', name: '和平区总工会' },
        from: '2026-10',
        to: '2026-10',
        months: [
          {
            month: '2026-10',
            own: exampleBlock,
            subtree: exampleBlock,
            children: [],
            filing: {
              filed: {
                revision: 1,
                filedAt: '2026-11-02T01:30:00.000Z',
                filedBy: '8d1c7f0e-0008-4000-8000-000000000008',
                figures: completeFigures({ ...exampleOwn, closed: 1, closedOnTime: 1, 'outcome.mediated_agreement': 0 }),
              },
              difference: { closed: 1, closedOnTime: 1, 'outcome.mediated_agreement': 1 },
            },
          },
        ],
      },
    ],
  },
);

export const FilingReceiptResponse = documented(
  z.object({
    union: z.object({ code: UnionCodeView, name: UnionName }),
    month: Month,
    revision: z.int(),
    filedAt: Timestamp,
    filedBy: StaffSubject,
    ...FigureBlockShape,
    previous: z.optional(z.object({ revision: z.int(), filedAt: Timestamp, filedBy: StaffSubject })),
    /** This filing − the previous one, non-zero only; absent on a first filing. */
    difference: z.optional(z.record(FigureName, z.number())),
  }),
  {
    id: 'ReportFiling',
    description: 'The filed revision: the subtree’s figures as locked, and what changed since the previous revision.',
    examples: [
      {
        union: { code: '210100', name: '沈阳市总工会' },
        month: '2026-10',
        revision: 2,
        filedAt: '2026-11-05T02:00:00.000Z',
        filedBy: '8d1c7f0e-0009-4000-8000-000000000009',
        ...zero,
        previous: { revision: 1, filedAt: '2026-11-02T01:30:00.000Z', filedBy: '8d1c7f0e-0009-4000-8000-000000000009' },
        difference: { closed: -1, 'outcome.withdrawn': -1 },
      },
    ],
  },
);

/** A report file (XLSX or CSV): raw bytes, which OpenAPI 3.1 describes by their media type alone. */
export const ReportFileResponse = documented(z.unknown(), {
  description: 'The monthly report as a file: an XLSX workbook, or CSV (UTF-8 with BOM).',
});
