import type { CaseRecord } from '../domain/cases.js';
import { assign, claim, decideTransfer, release, requestTransfer, type AssignmentOverride } from '../domain/dispatch.js';
import { AppError, type Phrase } from '../domain/errors.js';
import { assignmentNotices } from '../domain/notifications.js';
import type { Caller } from '../domain/roles.js';
import { NOT_ON_ROSTER, ineligibility, type StaffProfile } from '../domain/roster.js';
import { poolForRole } from '../domain/triage.js';
import { clockRulesOf } from '../domain/unions.js';
import { TransitionConflict } from '../domain/conflicts.js';
import { momentOf, visibleCase } from './case-access.js';
import type { Dependencies } from './dependencies.js';
import type { CaseRow, CaseloadChange } from '../domain/records.js';

async function clockRules(deps: Dependencies, unionCode: string) {
  return clockRulesOf(await deps.unions.directory(), unionCode);
}

async function provinceOf(unionCode: string, deps: Dependencies): Promise<string> {
  return (await deps.unions.directory()).provinceOf(unionCode);
}

/** The caller's own roster entry (lawyers and mediators work only when on the roster). */
async function ownProfile(deps: Dependencies, caller: Caller): Promise<StaffProfile> {
  const profile = await deps.staff.get(await provinceOf(caller.unionCode, deps), caller.staffId);
  if (!profile) {
    throw new AppError('FORBIDDEN', {
      zh: '您尚未列入本工会的律师/调解员名册，请联系工会法律部门添加。',
      en: 'You are not on your union’s roster yet; ask its legal department to add you.',
    });
  }
  return profile;
}

const CASE_CHANGED: Phrase = { zh: '案件已被他人修改，请刷新后重试。', en: 'The case changed meanwhile; reload it.' };

function lostRace(message: Phrase) {
  return (error: unknown): never => {
    if (error instanceof TransitionConflict && error.onCase) throw new AppError('CONFLICT', message);
    throw error;
  };
}

/** Claimable cases for a lawyer or mediator: their union's pool, categories they take, no conflicts; masked. */
export async function poolFor(deps: Dependencies, caller: Caller): Promise<CaseRow[]> {
  const profile = await ownProfile(deps, caller);
  const pool = poolForRole(profile.role)!;
  const cases = await deps.cases.pool(caller.unionCode, pool, 100);
  return cases.filter((caseRecord) => ineligibility(profile, caseRecord).every((reason) => reason === 'at_capacity'));
}

export async function claimCase(deps: Dependencies, caller: Caller, caseId: string): Promise<CaseRecord> {
  const [caseRecord, profile] = await Promise.all([visibleCase(deps, caller, caseId), ownProfile(deps, caller)]);
  // A pool is its own union's: a city lawyer does not claim from a district's pool.
  if (caseRecord.unionCode !== caller.unionCode)
    throw new AppError('NOT_FOUND', { zh: '本工会案件池中没有该案件。', en: 'No such case in your union’s pool.' });
  const claimed = claim({
    caseRecord,
    staff: profile,
    caller,
    moment: momentOf(deps),
    rules: await clockRules(deps, caseRecord.unionCode),
  });
  const transition = { ...claimed, outbox: assignmentNotices(claimed.next, momentOf(deps), false) };
  await deps.cases.saveTransition(caseRecord, transition, [{ take: profile }]).catch((error: unknown) => {
    if (error instanceof TransitionConflict && error.onCaseloadOf(profile.staffId)) {
      throw new AppError('CONFLICT', {
        zh: '您的名册信息刚刚发生变化（已达承办上限、被停用或调往其他工会），请刷新案件池。',
        en: 'Your roster entry changed meanwhile (capacity reached, deactivated or moved to another union); reload the pool.',
      });
    }
    return lostRace({ zh: '该案件已不在待认领状态。', en: 'This case is no longer waiting to be claimed.' })(error);
  });
  return transition.next;
}

export async function releaseCase(deps: Dependencies, caller: Caller, caseId: string, reason: string): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const transition = release({ caseRecord, caller, reason, moment: momentOf(deps) });
  const province = await provinceOf(caseRecord.unionCode, deps);
  await deps.cases
    .saveTransition(caseRecord, transition, [{ giveUp: { provinceCode: province, staffId: caller.staffId } }])
    .catch(lostRace(CASE_CHANGED));
  return transition.next;
}

export async function assignCase(
  deps: Dependencies,
  caller: Caller,
  caseId: string,
  request: { staffId: string; override?: AssignmentOverride },
): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const directory = await deps.unions.directory();
  const province = directory.provinceOf(caseRecord.unionCode);
  const staff = await deps.staff.get(province, request.staffId);
  if (!staff || !staff.unionPath.includes(caller.unionCode)) {
    throw new AppError('UNPROCESSABLE', NOT_ON_ROSTER, [
      { path: 'staffId', message: { zh: '不在您的名册中', en: 'not on your roster' } },
    ]);
  }
  const assigned = assign({
    caseRecord,
    staff,
    caller,
    override: request.override,
    moment: momentOf(deps),
    rules: clockRulesOf(directory, caseRecord.unionCode),
  });
  const transition = { ...assigned, outbox: assignmentNotices(assigned.next, momentOf(deps), true) };
  const previous = caseRecord.owner;
  const caseload: CaseloadChange[] = [
    // Capacity is checked again as the case is written; only an override naming it lets the count pass capacity.
    { take: staff, beyondCapacity: request.override?.rules.includes('at_capacity') ?? false },
    ...(previous ? [{ giveUp: { provinceCode: province, staffId: previous.staffId } }] : []),
  ];
  await deps.cases.saveTransition(caseRecord, transition, caseload).catch((error: unknown) => {
    if (error instanceof TransitionConflict && error.onCaseloadOf(staff.staffId)) {
      throw new AppError('CONFLICT', {
        zh: `${staff.displayName}的名册信息刚刚发生变化（已达承办上限、被停用或调往其他工会），请刷新后重新选择。`,
        en: `${staff.displayName}’s roster entry changed meanwhile (capacity reached, deactivated or moved to another union); reload and choose again.`,
      });
    }
    return lostRace(CASE_CHANGED)(error);
  });
  return transition.next;
}

export async function transferCase(
  deps: Dependencies,
  caller: Caller,
  caseId: string,
  request: { toUnion: string; reason: string },
): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const directory = await deps.unions.directory();
  const target = directory.get(request.toUnion);
  if (!target)
    throw new AppError(
      'UNPROCESSABLE',
      { zh: `系统中没有代码为${request.toUnion}的工会。`, en: `No union ${request.toUnion} on Weiquan.` },
      [{ path: 'toUnion', message: { zh: '未知的工会', en: 'unknown union' } }],
    );
  const transition = requestTransfer({
    caseRecord,
    target,
    targetPath: directory.pathOf(target.code),
    caller,
    reason: request.reason,
    moment: momentOf(deps),
  });
  await deps.cases.saveTransition(caseRecord, transition).catch(lostRace(CASE_CHANGED));
  return transition.next;
}

export async function answerTransfer(
  deps: Dependencies,
  caller: Caller,
  caseId: string,
  decision: { accept: true } | { accept: false; reason: string },
): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const transition = decideTransfer({ caseRecord, caller, decision, moment: momentOf(deps) });
  await deps.cases
    .saveTransition(caseRecord, transition)
    .catch(lostRace({ zh: '该转交已被他人答复，请刷新。', en: 'The transfer was answered meanwhile; reload it.' }));
  return transition.next;
}

/** Transfers the caller's union is asked to take, and those it asked others to take. */
export async function pendingTransfers(
  deps: Dependencies,
  caller: Caller,
): Promise<{ incoming: CaseRow[]; outgoing: CaseRow[] }> {
  const directory = await deps.unions.directory();
  const [incoming, outgoing] = await Promise.all([
    deps.cases.incomingTransfers(caller.unionCode),
    deps.cases.list({
      unionCode: caller.unionCode,
      level: directory.levelOf(caller.unionCode),
      status: 'transfer_pending',
      limit: 100,
    }),
  ]);
  return { incoming, outgoing: outgoing.items };
}
