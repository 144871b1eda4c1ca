import { httpHandler } from '../../shared/http/handler.js';
import { reportDependencies } from '../../shared/composition/reports.js';
import { monthlyReport } from '../../shared/usecases/reports.js';
import { getMonthlyReportRoute } from './monthly.contract.js';

export const handler = httpHandler(getMonthlyReportRoute, async ({ caller, query: { format, ...request } }) => {
  const report = await monthlyReport(reportDependencies(), caller, request);
  if (format === 'json') return { body: report };
  // Loaded only for files, so a JSON report never initialises ExcelJS.
  const { reportFile } = await import('../../shared/reports/export.js');
  const file = await reportFile(report, format);
  return {
    body: file.body,
    contentType: file.contentType,
    headers: { 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  };
});
