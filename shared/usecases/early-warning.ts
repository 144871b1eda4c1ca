import type { CaseRecord } from '../domain/cases.js';
import {
  alertContent,
  employerComplaintOf,
  warrantsAlert,
  windowStart,
  type EarlyWarningAlert,
} from '../domain/early-warning.js';
import { AppError } from '../domain/errors.js';
import { earlyWarningNotice } from '../domain/notifications.js';
import type { Caller } from '../domain/roles.js';
import type { Dependencies } from './dependencies.js';
import type { AlertStore } from './ports.js';

export interface AlertDependencies extends Pick<Dependencies, 'now' | 'newId' | 'unions'> {
  readonly alerts: AlertStore;
}

/**
 * Runs for every new case (from the table's stream): a wage-arrears
 * complaint against an employer with a credit code joins the employer's
 * record; when the window holds enough complaints (or workers), one alert is
 * raised, or the running one updated, and put before every legal department
 * whose subtree holds one of the cases. Safe to run twice for one case.
 */
export async function raiseEarlyWarning(deps: AlertDependencies, caseRecord: CaseRecord): Promise<EarlyWarningAlert | undefined> {
  const entry = employerComplaintOf(caseRecord);
  if (!entry) return undefined;
  const { creditCode } = entry;
  await deps.alerts.recordComplaint(creditCode, entry.complaint);

  const since = windowStart(new Date(caseRecord.registeredAt));
  let pointer = await deps.alerts.pointer(creditCode);
  if (!pointer || pointer.lastComplaintAt < since) {
    const complaints = await deps.alerts.complaintsSince(creditCode, since);
    if (!warrantsAlert(complaints)) return undefined;
    const fresh = {
      alertId: deps.newId(),
      raisedAt: deps.now().toISOString(),
      windowFrom: complaints[0]!.registeredAt,
      lastComplaintAt: complaints.at(-1)!.registeredAt,
    };
    pointer = (await deps.alerts.startAlert(creditCode, fresh, since)) ? fresh : await deps.alerts.pointer(creditCode);
    if (!pointer) return undefined;
  }
  const complaints = await deps.alerts.complaintsSince(creditCode, pointer.windowFrom);
  const alert = alertContent(
    { alertId: pointer.alertId, creditCode, employerName: caseRecord.employer?.name ?? creditCode, raisedAt: pointer.raisedAt },
    complaints,
    deps.now(),
  );
  await deps.alerts.saveAlert(alert);
  for (const unionCode of alert.unions) {
    await deps.alerts.addToInbox(unionCode, alert);
    // Queued every time, so a retry after a failure here still queues it; its fixed key makes it one message.
    // Filed under the alert's first case, so every replay writes the very same outbox item.
    await deps.alerts.queueNotice(earlyWarningNotice(alert, alert.complaints[0]!.caseId, unionCode));
  }
  return alert;
}

export interface VisibleAlert {
  readonly alert: EarlyWarningAlert;
  /** The complaints in the caller's own area; others are counted, not shown. */
  readonly visibleComplaints: EarlyWarningAlert['complaints'];
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: string;
}

/** The caller's legal department's alerts, newest first. */
export async function listAlerts(deps: AlertDependencies, caller: Caller, limit = 50): Promise<VisibleAlert[]> {
  const inbox = await deps.alerts.inbox(caller.unionCode, limit);
  const alerts = new Map((await deps.alerts.getMany(inbox.map((entry) => entry.alertId))).map((alert) => [alert.alertId, alert]));
  return inbox.flatMap((entry) => {
    const alert = alerts.get(entry.alertId);
    if (!alert) return [];
    return [
      {
        alert,
        visibleComplaints: alert.complaints.filter((complaint) => complaint.unionPath.includes(caller.unionCode)),
        ...(entry.acknowledgedAt ? { acknowledgedAt: entry.acknowledgedAt, acknowledgedBy: entry.acknowledgedBy } : {}),
      },
    ];
  });
}

export async function acknowledgeAlert(deps: AlertDependencies, caller: Caller, alertId: string): Promise<VisibleAlert> {
  const alert = await deps.alerts.get(alertId);
  const at = deps.now().toISOString();
  if (!alert || !(await deps.alerts.acknowledge(caller.unionCode, alert, caller.staffId, at))) {
    throw new AppError('NOT_FOUND', 'No such alert for your legal department.');
  }
  return {
    alert,
    visibleComplaints: alert.complaints.filter((complaint) => complaint.unionPath.includes(caller.unionCode)),
    acknowledgedAt: at,
    acknowledgedBy: caller.staffId,
  };
}
