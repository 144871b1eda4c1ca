import type { CaseRecord } from '../domain/cases.js';
import { closeCase, recordFollowUp, recordWork, reopenCase, type Closure, type WorkEntry } from '../domain/case-work.js';
import { AppError } from '../domain/errors.js';
import { logHotlineCall, type HotlineCall } from '../domain/hotline-calls.js';
import type { Caller } from '../domain/roles.js';
import type { Transition } from '../domain/transition.js';
import { clockRulesOf } from '../domain/unions.js';
import { TransitionConflict } from '../domain/conflicts.js';
import { momentOf, visibleCase } from './case-access.js';
import type { Dependencies } from './dependencies.js';
import type { CaseloadChange } from '../domain/records.js';

/**
 * Case work after dispatch: recording work, closing, the call-back,
 * reopening, and the 12351 calls logged on a case. Each loads the case, asks the domain for the transition, and
 * saves it under the version it was computed from; a lost race is a 409.
 */

async function save(
  deps: Dependencies,
  previous: CaseRecord,
  transition: Transition,
  caseload: readonly CaseloadChange[] = [],
): Promise<CaseRecord> {
  try {
    await deps.cases.saveTransition(previous, transition, caseload);
    return transition.next;
  } catch (error) {
    if (error instanceof TransitionConflict) {
      // The case changed, or so did the caseload of whoever works it (closed or released elsewhere).
      throw new AppError('CONFLICT', {
        zh: '案件已被他人修改，请刷新后重试。',
        en: 'Someone else changed the case meanwhile; reload it and try again.',
      });
    }
    throw error;
  }
}

/** The caseload of whoever carries the case now, freed when the case stops needing them. */
async function releaseOwnerCapacity(deps: Dependencies, caseRecord: CaseRecord): Promise<CaseloadChange[]> {
  if (!caseRecord.owner) return [];
  const province = (await deps.unions.directory()).provinceOf(caseRecord.unionCode);
  return [{ giveUp: { provinceCode: province, staffId: caseRecord.owner.staffId } }];
}

export async function addCaseWork(deps: Dependencies, caller: Caller, caseId: string, entry: WorkEntry): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const rules = clockRulesOf(await deps.unions.directory(), caseRecord.unionCode);
  // A correction replays the facts it corrects, so it needs the timeline; other entries do not.
  const timeline = entry.type === 'correction' ? await deps.cases.timeline(caseId) : undefined;
  return save(
    deps,
    caseRecord,
    recordWork({ caseRecord, entry, caller, moment: momentOf(deps), rules, ...(timeline ? { timeline } : {}) }),
  );
}

export async function closeCaseWithOutcome(
  deps: Dependencies,
  caller: Caller,
  caseId: string,
  closure: Closure,
): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const transition = closeCase({ caseRecord, closure, caller, moment: momentOf(deps) });
  return save(deps, caseRecord, transition, await releaseOwnerCapacity(deps, caseRecord));
}

export async function followUpCase(
  deps: Dependencies,
  caller: Caller,
  caseId: string,
  input: { reached: boolean; satisfaction?: number; note?: string },
): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  return save(deps, caseRecord, recordFollowUp({ caseRecord, input, caller, moment: momentOf(deps) }));
}

export async function logCaseCall(deps: Dependencies, caller: Caller, caseId: string, call: HotlineCall): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  return save(deps, caseRecord, logHotlineCall({ caseRecord, call, caller, moment: momentOf(deps) }));
}

export async function reopenClosedCase(deps: Dependencies, caller: Caller, caseId: string, reason: string): Promise<CaseRecord> {
  const caseRecord = await visibleCase(deps, caller, caseId);
  const rules = clockRulesOf(await deps.unions.directory(), caseRecord.unionCode);
  return save(deps, caseRecord, reopenCase({ caseRecord, reason, caller, moment: momentOf(deps), rules }));
}
