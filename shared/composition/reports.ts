import { ReportRepository } from '../store/report-repository.js';
import type { Dependencies } from '../usecases/dependencies.js';
import type { ReportDependencies } from '../usecases/report-dependencies.js';
import { defaultDependencies } from './staff-api.js';

let reports: ReportRepository | undefined;

/** The composition of the report functions and the reconciliation: only they bundle the report repository. */
export function reportDependencies(): Dependencies & ReportDependencies {
  reports ??= new ReportRepository();
  return { ...defaultDependencies(), reports };
}
