import { httpHandler } from '../../shared/http/handler.js';
import { reportDependencies } from '../../shared/composition/reports.js';
import { fileMonthlyReport } from '../../shared/usecases/reports.js';
import { fileMonthlyReportRoute } from './file.contract.js';

export const handler = httpHandler(fileMonthlyReportRoute, async ({ caller, params }) => ({
  body: await fileMonthlyReport(reportDependencies(), caller, params.union, params.month),
}));
