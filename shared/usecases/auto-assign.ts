import { afterTakenBy } from '../domain/case-clocks.js';
import type { CaseRecord } from '../domain/cases.js';
import { assignmentNotices } from '../domain/notifications.js';
import { event } from '../domain/transition.js';
import { clockRulesOf } from '../domain/unions.js';
import { chinaDate } from '../domain/china-time.js';
import { dutyLawyerFor } from '../domain/roster.js';
import { TransitionConflict } from '../store/case-repository.js';
import type { Dependencies } from './dependencies.js';

/**
 * For unions that ask for it: an urgent hotline case goes straight to the
 * lawyer on duty today, as an assignment by the system. If nobody suitable is
 * on duty, or the chosen lawyer fills up meanwhile, the case simply stays
 * where triage put it for the legal department.
 */
export async function autoAssignUrgentHotlineCase(deps: Dependencies, caseRecord: CaseRecord): Promise<CaseRecord> {
  if (caseRecord.priority !== 'urgent' || caseRecord.channel !== 'hotline' || caseRecord.owner) return caseRecord;
  const directory = await deps.unions.directory();
  if (!directory.get(caseRecord.unionCode)?.triage?.autoAssignUrgentHotline) return caseRecord;
  const province = directory.provinceOf(caseRecord.unionCode);
  const lawyer = dutyLawyerFor(await deps.staff.listProvince(province), caseRecord, chinaDate(deps.now()));
  if (!lawyer) return caseRecord;
  const moment = { now: deps.now(), newEventId: deps.newId };
  const owned: CaseRecord = {
    ...caseRecord,
    status: 'claimed',
    owner: { staffId: lawyer.staffId, role: 'lawyer', since: moment.now.toISOString() },
    version: caseRecord.version + 1,
  };
  const next = afterTakenBy(
    owned,
    { role: 'lawyer', fromPool: false },
    moment.now,
    clockRulesOf(directory, caseRecord.unionCode),
  );
  const transition = {
    next,
    events: [
      event(
        caseRecord,
        'assigned',
        { kind: 'system' },
        { staffId: lawyer.staffId, role: 'lawyer', rule: 'urgent-hotline-to-duty-lawyer', previousOwner: null },
        moment,
      ),
    ],
    outbox: assignmentNotices(next, moment, true),
  };
  try {
    await deps.cases.saveTransition(caseRecord, transition, [deps.staff.takeCase(lawyer)]);
    return next;
  } catch (error) {
    if (error instanceof TransitionConflict) return caseRecord;
    throw error;
  }
}
