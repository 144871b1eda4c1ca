import { httpHandler } from '../../shared/http/handler.js';
import { reportDependencies } from '../../shared/composition/reports.js';
import { monthlyReport } from '../../shared/usecases/reports.js';
import { getMonthlyReportRoute } from './monthly.contract.js';

export const handler = httpHandler(getMonthlyReportRoute, async ({ caller, query }) => ({
  body: await monthlyReport(reportDependencies(), caller, query),
}));
