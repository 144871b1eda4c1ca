import { clockRulesOf } from '../domain/unions.js';
import { recomputeDayClocks } from '../domain/case-clocks.js';
import {
  mergedDirectory,
  planProvisioning,
  provisioningProblems,
  type Problem,
  type ProvisioningRequest,
} from '../domain/provisioning.js';
import { logger } from '../observability/logger.js';
import { TransitionConflict } from '../domain/conflicts.js';
import type { Dependencies } from './dependencies.js';

export interface ProvisioningReport {
  readonly problems: readonly Problem[];
  readonly unions: { readonly written: number; readonly unchanged: number };
  readonly calendar: { readonly loadedYears: readonly number[]; readonly unchanged: number };
  readonly roster: { readonly written: number; readonly unchanged: number };
  /** Open cases whose day-based clocks moved or lost their beyond-the-calendar flag. */
  readonly clocksRecomputed: number;
  readonly dryRun: boolean;
}

/** Far enough ahead that the due-time index returns every case with a running clock. */
const EVERY_RUNNING_CLOCK = '9999-12-31T23:59:59.999Z';

/**
 * Loads a provisioning request: checks it whole against what is stored and
 * writes nothing if anything is wrong; otherwise writes only what differs
 * (unions, then the calendar, then the roster, so every roster entry finds its
 * union), and after a calendar change counts every open case's day-based
 * clocks again. Running the same request twice writes nothing the second time.
 */
export async function provision(
  request: ProvisioningRequest,
  deps: Dependencies,
  options: { readonly dryRun?: boolean } = {},
): Promise<ProvisioningReport> {
  const dryRun = options.dryRun ?? false;
  // An infinite "now" skips the container's cached directory: provisioning must compare with what is stored.
  const stored = await deps.unions.directory(Number.POSITIVE_INFINITY);
  const problems = provisioningProblems(request, stored);
  const empty = {
    unions: { written: 0, unchanged: 0 },
    calendar: { loadedYears: [], unchanged: 0 },
    roster: { written: 0, unchanged: 0 },
  };
  if (problems.length > 0) return { problems, ...empty, clocksRecomputed: 0, dryRun };

  const merged = mergedDirectory(request, stored);
  const provinces = [...new Set(request.roster.map((entry) => merged.provinceOf(entry.unionCode)))];
  const roster = new Map(
    (await Promise.all(provinces.map((code) => deps.staff.listProvince(code)))).flat().map((p) => [p.staffId, p]),
  );
  const plan = planProvisioning(request, { directory: stored, roster });
  const report = {
    problems,
    unions: { written: plan.unions.write.length, unchanged: plan.unions.unchanged },
    calendar: { loadedYears: plan.calendar.changedYears, unchanged: plan.calendar.unchanged },
    roster: { written: plan.roster.write.length, unchanged: plan.roster.unchanged },
    dryRun,
  };
  if (dryRun) return { ...report, clocksRecomputed: 0 };

  if (plan.unions.write.length > 0) await deps.unions.putAll(plan.unions.write);
  if (plan.calendar.next && !(await deps.unions.replaceCalendar(stored.calendar, plan.calendar.next))) {
    throw new Error('The holiday calendar was changed by someone else meanwhile; run the command again.');
  }
  const now = deps.now().toISOString();
  for (const entry of plan.roster.write) {
    const current = roster.get(entry.staffId);
    await deps.staff.put(
      { ...entry, unionPath: merged.pathOf(entry.unionCode), activeCases: current?.activeCases ?? 0, updatedAt: now },
      { exists: current !== undefined, activeCases: current?.activeCases ?? 0 },
    );
  }
  const clocksRecomputed = plan.calendar.next ? await recomputeOpenClocks(deps) : 0;
  return { ...report, clocksRecomputed };
}

/** Every case with a running clock (the due-time index, per province), its day-based clocks counted again. */
export async function recomputeOpenClocks(deps: Dependencies): Promise<number> {
  const directory = await deps.unions.directory(Number.POSITIVE_INFINITY);
  const moment = { now: deps.now(), newEventId: deps.newId };
  let recomputed = 0;
  for (const province of directory.all().filter((union) => union.parentCode === null)) {
    let after: Record<string, unknown> | undefined;
    do {
      const page = await deps.cases.dueCases(province.code, EVERY_RUNNING_CLOCK, 25, after);
      after = page.next;
      for (const caseId of page.caseIds) {
        const caseRecord = await deps.cases.get(caseId);
        const transition = caseRecord && recomputeDayClocks(caseRecord, clockRulesOf(directory, caseRecord.unionCode), moment);
        if (!caseRecord || !transition) continue;
        try {
          await deps.cases.saveTransition(caseRecord, transition);
          recomputed++;
        } catch (error) {
          // Someone acted on the case meanwhile: running the command again recomputes it (nothing else changes).
          if (!(error instanceof TransitionConflict)) throw error;
          logger.warn('case changed during clock recomputation; left for its next change', { caseId });
        }
      }
    } while (after);
  }
  return recomputed;
}
