import type { Dependencies } from './dependencies.js';
import type { ReportStore } from './ports.js';

/**
 * What the monthly report needs: the union directory, the report store and
 * the clock. Kept out of `Dependencies` so that only report functions bundle
 * the report repository.
 */
export interface ReportDependencies extends Pick<Dependencies, 'unions' | 'now'> {
  readonly reports: ReportStore;
}

/** The reconciliation also reads the cases. */
export type ReconcileDependencies = ReportDependencies & Pick<Dependencies, 'cases'>;
