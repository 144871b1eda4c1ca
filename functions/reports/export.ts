import { httpHandler } from '../../shared/http/handler.js';
import { reportDependencies } from '../../shared/composition/reports.js';
import { reportFile } from '../../shared/reports/export.js';
import { monthlyReport } from '../../shared/usecases/reports.js';
import { exportMonthlyReportRoute } from './export.contract.js';

export const handler = httpHandler(exportMonthlyReportRoute, async ({ caller, query: { format, ...request } }) => {
  const file = await reportFile(await monthlyReport(reportDependencies(), caller, request), format);
  return {
    body: file.body,
    contentType: file.contentType,
    headers: { 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  };
});
