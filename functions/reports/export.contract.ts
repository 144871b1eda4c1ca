import { defineRoute } from '../../shared/http/contract.js';
import { MonthlyReportExportQuery, REPORT_FILE_TYPES } from '../../shared/schemas/reports.js';

/**
 * The monthly report as a file, a route of its own so that ExcelJS (about
 * 1.1 MiB bundled) is only in this function: the JSON report, which the
 * console loads on every visit, starts as light as any other route.
 */
export const exportMonthlyReportRoute = defineRoute({
  name: 'exportMonthlyReport',
  method: 'GET',
  path: '/reports/monthly/export',
  summary: 'The monthly report as an Excel workbook or a CSV file',
  description:
    'The figures of `GET /reports/monthly` (same `union`, `month` and `to`) as a file with Chinese headers: ' +
    '`format=xlsx`, one sheet per level (本级, 合计, 下级), or `format=csv` (UTF-8 with BOM, so Excel shows the ' +
    'headers), one row per union and month.',
  tags: ['reports'],
  access: { roles: ['legal_admin'] },
  request: { query: MonthlyReportExportQuery },
  response: {
    status: 200,
    description: 'The report file, as an attachment.',
    contentType: REPORT_FILE_TYPES.xlsx,
    alternativeContentTypes: [REPORT_FILE_TYPES.csv],
  },
  errors: [400, 404],
  data: { actions: ['dynamodb:Query', 'dynamodb:BatchGetItem'], indexes: [] },
});
