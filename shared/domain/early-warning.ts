import type { CaseRecord } from './cases.js';
import { isCaseKind } from './vocabulary.js';

/**
 * 欠薪预警, wage-arrears early warning: several workers complaining about the
 * same employer (by unified social credit code) within a short window signal
 * a collective dispute before it erupts, possibly across unions. Every case
 * counts (complaints, legal-aid applications and petitions, see CASE_KINDS):
 * each is a worker asking for the wages to be recovered; consultations and
 * suggestions do not. Pure: given the employer's recent complaints, whether to
 * warn and whom.
 */
export const EARLY_WARNING = {
  /** Complaints against one employer within the window that raise an alert… */
  complaints: 3,
  /** …or workers involved, in total, within the window. */
  workers: 10,
  windowDays: 7,
} as const;

/** One complaint as the employer's record keeps it (no personal details). */
export interface EmployerComplaint {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly unionCode: string;
  readonly unionPath: readonly string[];
  readonly registeredAt: string;
  readonly workersInvolved: number;
}

/** Whether a new case joins its employer's wage-arrears record, and as what. */
export function employerComplaintOf(caseRecord: CaseRecord): { creditCode: string; complaint: EmployerComplaint } | undefined {
  const creditCode = caseRecord.employer?.creditCode;
  if (!creditCode || caseRecord.category !== 'wage_arrears' || !isCaseKind(caseRecord.kind)) return undefined;
  return {
    creditCode,
    complaint: {
      caseId: caseRecord.caseId,
      caseNumber: caseRecord.caseNumber,
      unionCode: caseRecord.unionCode,
      unionPath: caseRecord.unionPath,
      registeredAt: caseRecord.registeredAt,
      workersInvolved: caseRecord.workersInvolved,
    },
  };
}

export function windowStart(now: Date): string {
  return new Date(now.getTime() - EARLY_WARNING.windowDays * 24 * 60 * 60 * 1000).toISOString();
}

/** The complaints of the window warrant an alert. */
export function warrantsAlert(complaints: readonly EmployerComplaint[]): boolean {
  const workers = complaints.reduce((sum, complaint) => sum + complaint.workersInvolved, 0);
  return complaints.length >= EARLY_WARNING.complaints || workers >= EARLY_WARNING.workers;
}

/**
 * The legal departments to alert: every union whose subtree holds one of the
 * cases (each case's union and its ancestors). Two districts' cases alert
 * both districts and their common city and province.
 */
export function alertAudience(complaints: readonly EmployerComplaint[]): string[] {
  return [...new Set(complaints.flatMap((complaint) => complaint.unionPath))].sort();
}

export interface EarlyWarningAlert {
  readonly alertId: string;
  readonly kind: 'wage_arrears_warning';
  readonly creditCode: string;
  readonly employerName: string;
  /** When the alert was first raised; later complaints join it while the window runs. */
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly complaints: readonly EmployerComplaint[];
  readonly workersInvolved: number;
  readonly unions: readonly string[];
}

/** The alert's content for the complaints of its window (recomputed whole, so applying it twice changes nothing). */
export function alertContent(
  alert: Pick<EarlyWarningAlert, 'alertId' | 'creditCode' | 'employerName' | 'raisedAt'>,
  complaints: readonly EmployerComplaint[],
  now: Date,
): EarlyWarningAlert {
  const sorted = [...complaints].sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  return {
    ...alert,
    kind: 'wage_arrears_warning',
    updatedAt: now.toISOString(),
    complaints: sorted,
    workersInvolved: sorted.reduce((sum, complaint) => sum + complaint.workersInvolved, 0),
    unions: alertAudience(sorted),
  };
}
