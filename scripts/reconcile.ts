/**
 * `tsx scripts/reconcile.ts --union 210100 --month 2026-11` recomputes a
 * union subtree's monthly figures from the case records of the running
 * `npm start` store and prints where the counters drift from them. Exits 1
 * when there is drift, 2 on bad usage or when no local store is running.
 */
import './local/preflight.js';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/domain/errors.js';
import { FIGURE_NAMES, figureLabel } from '../shared/domain/figures.js';
import { ReportRepository } from '../shared/store/report-repository.js';
import { defaultDependencies } from '../shared/composition/staff-api.js';
import { reconcile } from '../shared/usecases/reports.js';
import { configureHandlerEnvironment } from './local/environment.js';
import { runningStore } from './local/running.js';

function usage(problem: string): never {
  console.error(`${problem}\nUsage: tsx scripts/reconcile.ts --union <division code> --month <YYYY-MM>`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { union?: string; month?: string };
  try {
    ({ values } = parseArgs({ options: { union: { type: 'string' }, month: { type: 'string' } }, strict: true }));
  } catch (error) {
    usage((error as Error).message);
  }
  const { union, month } = values;
  if (!union || !/^\d{6}$/.test(union)) usage('Name a union: --union 210100');
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) usage('Name a month: --month 2026-11');

  const running = runningStore();
  if (!running) usage('No local store is running: start one with `npm start` (or `npm start -- --persist`) first.');
  await configureHandlerEnvironment(running.dynamoDbEndpoint, running.tableName);
  const report = await reconcile({ ...defaultDependencies(), reports: new ReportRepository() }, { union, month });

  console.log(
    `Union ${report.union}, ${report.month}: ${report.unionsChecked} unions checked, ${report.casesRead} cases read, ` +
      `${report.drift.length === 0 ? 'no drift' : `${report.drift.length} figures drift`}.`,
  );
  for (const drift of report.drift) {
    console.log(
      `  ${drift.unionCode}  ${FIGURE_NAMES.includes(drift.figure) ? figureLabel(drift.figure) : drift.figure} (${drift.figure}): ` +
        `counted ${drift.counted}, recomputed ${drift.recomputed}`,
    );
  }
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.drift.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(error instanceof AppError ? 2 : 1);
});
