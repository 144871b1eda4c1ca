import { ReportRepository } from '../store/report-repository.js';
import { defaultDependencies, type Dependencies } from './dependencies.js';

/**
 * What the monthly report needs: the union directory, the report store and
 * the clock. Kept out of `Dependencies` so that only report functions bundle
 * the report repository.
 */
export interface ReportDependencies extends Pick<Dependencies, 'unions' | 'now'> {
  readonly reports: ReportRepository;
}

/** The reconciliation also reads the cases. */
export type ReconcileDependencies = ReportDependencies & Pick<Dependencies, 'cases'>;

let reports: ReportRepository | undefined;

/** Built on first use in a container and reused. */
export function reportDependencies(): Dependencies & ReportDependencies {
  reports ??= new ReportRepository();
  return { ...defaultDependencies(), reports };
}
