import type { UnionDirectory } from '../domain/unions.js';
import type { VisibleAlert } from '../usecases/early-warning.js';
import { inChinaTime } from './china-time-view.js';

/** An alert as a legal department sees it: its own cases listed, the rest counted; union names, never personal details. */
export function toAlertView(
  { alert, visibleComplaints, acknowledgedAt, acknowledgedBy }: VisibleAlert,
  directory: UnionDirectory,
) {
  return {
    alertId: alert.alertId,
    kind: alert.kind,
    kindLabel: '欠薪预警',
    creditCode: alert.creditCode,
    employerName: alert.employerName,
    raisedAt: inChinaTime(alert.raisedAt),
    updatedAt: inChinaTime(alert.updatedAt),
    complaintCount: alert.complaints.length,
    workersInvolved: alert.workersInvolved,
    unions: alert.unions.map((code) => ({ code, name: directory.nameOf(code) })),
    cases: visibleComplaints.map((complaint) => ({
      caseId: complaint.caseId,
      caseNumber: complaint.caseNumber,
      unionCode: complaint.unionCode,
      registeredAt: inChinaTime(complaint.registeredAt),
      workersInvolved: complaint.workersInvolved,
    })),
    ...(acknowledgedAt ? { acknowledgedAt: inChinaTime(acknowledgedAt), acknowledgedBy } : {}),
  };
}
