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
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type CursorQuery, type PageRequest } from './cursor.js';
import type { PageCursors } from './dependencies.js';
import type { AlertStore, CaseStore } from './ports.js';

export interface AlertDependencies extends Pick<Dependencies, 'now' | 'newId' | 'unions'> {
  readonly alerts: AlertStore;
}

/** Following a transfer reads the case as it is now. */
export interface TransferredCases {
  readonly cases: Pick<CaseStore, 'get'>;
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
  await saveAndShow(deps, alert);
  return alert;
}

/** Saves the alert's content and puts it before every legal department it concerns, each told once. */
async function saveAndShow(deps: AlertDependencies, alert: EarlyWarningAlert): Promise<void> {
  await deps.alerts.saveAlert(alert);
  for (const unionCode of alert.unions) {
    await deps.alerts.addToInbox(unionCode, alert);
    // Queued every time, so a retry after a failure here still queues it; its fixed key makes it one message.
    // Filed under the alert's first case, so every replay writes the very same outbox item.
    await deps.alerts.queueNotice(earlyWarningNotice(alert, alert.complaints[0]!.caseId, unionCode));
  }
}

/**
 * Runs when a transfer is accepted (from the table's stream): the case's entry
 * in its employer's record moves to the union that now holds it, and the
 * employer's running alert, if it lists the case, is recomputed: the new
 * union's legal department (and its ancestors) get it, a department none of
 * whose cases it lists any more loses it. Reads the case as it is now, so a
 * late or repeated record moves it to where it is, never back. Alerts whose
 * window closed before the transfer keep the case where it was reported.
 */
export async function followTransferredCase(
  deps: AlertDependencies & TransferredCases,
  caseId: string,
): Promise<EarlyWarningAlert | undefined> {
  const caseRecord = await deps.cases.get(caseId, { consistent: true });
  const entry = caseRecord ? employerComplaintOf(caseRecord) : undefined;
  if (!caseRecord || !entry) return undefined;
  const { creditCode } = entry;
  await deps.alerts.moveComplaint(creditCode, entry.complaint);
  const pointer = await deps.alerts.pointer(creditCode);
  const before = pointer ? await deps.alerts.get(pointer.alertId) : undefined;
  if (!pointer || !before?.complaints.some((complaint) => complaint.caseId === caseId)) return undefined;
  const alert = alertContent(
    { alertId: before.alertId, creditCode, employerName: before.employerName, raisedAt: before.raisedAt },
    await deps.alerts.complaintsSince(creditCode, pointer.windowFrom),
    deps.now(),
  );
  await saveAndShow(deps, alert);
  for (const unionCode of before.unions.filter((code) => !alert.unions.includes(code))) {
    await deps.alerts.removeFromInbox(unionCode, alert);
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

/** A page of the caller's legal department's alerts, newest first; paged like the case lists (see cursor.ts). */
export async function listAlerts(
  deps: AlertDependencies & PageCursors,
  caller: Caller,
  request: PageRequest,
): Promise<{ items: VisibleAlert[]; nextCursor?: string }> {
  const cursorQuery: CursorQuery = { name: 'listAlerts', bindings: { unionCode: caller.unionCode } };
  const after = request.cursor ? decodeCursor(await deps.cursorKey(), cursorQuery, request.cursor) : undefined;
  const page = await deps.alerts.inbox(caller.unionCode, {
    limit: request.limit ?? DEFAULT_PAGE_SIZE,
    ...(after ? { after } : {}),
  });
  const alerts = new Map(
    (await deps.alerts.getMany(page.entries.map((entry) => entry.alertId))).map((alert) => [alert.alertId, alert]),
  );
  const items = page.entries.flatMap((entry) => {
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
  return { items, ...(page.next ? { nextCursor: encodeCursor(await deps.cursorKey(), cursorQuery, page.next) } : {}) };
}

export async function acknowledgeAlert(deps: AlertDependencies, caller: Caller, alertId: string): Promise<VisibleAlert> {
  const alert = await deps.alerts.get(alertId);
  const at = deps.now().toISOString();
  if (!alert || !(await deps.alerts.acknowledge(caller.unionCode, alert, caller.staffId, at))) {
    throw new AppError('NOT_FOUND', { zh: '本法律部门没有该预警。', en: 'No such alert for your legal department.' });
  }
  return {
    alert,
    visibleComplaints: alert.complaints.filter((complaint) => complaint.unionPath.includes(caller.unionCode)),
    acknowledgedAt: at,
    acknowledgedBy: caller.staffId,
  };
}
