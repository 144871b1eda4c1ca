import type { Context, ScheduledEvent } from 'aws-lambda';
import { previousMonth } from '../../shared/domain/monthly-report.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { logger } from '../../shared/observability/logger.js';
import { reportDependencies } from '../../shared/composition/reports.js';
import { reconcileAll, type ReconciliationReport } from '../../shared/usecases/reports.js';

/**
 * The monthly reconciliation, run by an EventBridge schedule early each month
 * (China time): recomputes every union's figures for the month just ended
 * from the case records and logs any drift from the counters, before legal
 * departments file. Drift is logged as an error, union and figure by figure,
 * so an alarm on the log can page whoever runs the system.
 */
export const handler = async (_event?: ScheduledEvent, context?: Context): Promise<ReconciliationReport[]> => {
  if (context) logger.addContext(context);
  const deps = reportDependencies();
  const month = previousMonth(chinaMonth(deps.now()));
  const reports = await reconcileAll(deps, month);
  for (const report of reports) {
    const summary = { union: report.union, month, unionsChecked: report.unionsChecked, casesRead: report.casesRead };
    if (report.drift.length === 0) logger.info('monthly figures reconciled', summary);
    else logger.error('monthly figures drift from the case records', { ...summary, drift: report.drift });
  }
  return reports;
};
