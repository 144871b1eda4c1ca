import type { CaseRecord } from '../domain/cases.js';
import { assignmentNotices } from '../domain/notifications.js';
import { systemAssign } from '../domain/dispatch.js';
import { clockRulesOf } from '../domain/unions.js';
import { chinaDate } from '../domain/china-time.js';
import { CASE_ACTIONS } from '../domain/lifecycle.js';
import { dutyLawyerFor } from '../domain/roster.js';
import { TransitionConflict } from '../domain/conflicts.js';
import { momentOf } from './case-access.js';
import type { Dependencies } from './dependencies.js';

/**
 * For unions that ask for it: an urgent hotline case goes straight to the
 * lawyer on duty today, as an assignment by the system. If nobody suitable is
 * on duty, or the chosen lawyer fills up meanwhile, the case simply stays
 * where triage put it for the legal department.
 */
export async function autoAssignUrgentHotlineCase(deps: Dependencies, caseRecord: CaseRecord): Promise<CaseRecord> {
  if (caseRecord.priority !== 'urgent' || caseRecord.channel !== 'hotline' || caseRecord.owner) return caseRecord;
  // The system assigns as a legal department would, from the statuses the state machine allows: never a closed case
  // (a consultation answered on the call is registered closed).
  if (!(CASE_ACTIONS.assign.from as readonly string[]).includes(caseRecord.status)) return caseRecord;
  const directory = await deps.unions.directory();
  if (!directory.get(caseRecord.unionCode)?.triage?.autoAssignUrgentHotline) return caseRecord;
  const province = directory.provinceOf(caseRecord.unionCode);
  const lawyer = dutyLawyerFor(await deps.staff.listProvince(province), caseRecord, chinaDate(deps.now()));
  if (!lawyer) return caseRecord;
  const moment = momentOf(deps);
  const assigned = systemAssign({
    caseRecord,
    lawyer,
    rule: 'urgent-hotline-to-duty-lawyer',
    moment,
    rules: clockRulesOf(directory, caseRecord.unionCode),
  });
  const transition = { ...assigned, outbox: assignmentNotices(assigned.next, moment, true) };
  try {
    await deps.cases.saveTransition(caseRecord, transition, [{ take: lawyer }]);
    return transition.next;
  } catch (error) {
    if (error instanceof TransitionConflict) return caseRecord;
    throw error;
  }
}
