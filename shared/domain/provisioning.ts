import {
  arrangementProblems,
  calendarYears,
  withYear,
  yearOfCalendar,
  type LoadedCalendar,
  type YearArrangement,
} from './holiday-calendar.js';
import { divisionCovers } from './identifiers.js';
import type { StaffProfile } from './roster.js';
import { UnionDirectory, type Union } from './unions.js';

/**
 * Provisioning a deployment (`npm run provision`): what a file asks for,
 * checked as a whole before anything is written, and compared with what is
 * stored so that a second run of the same file changes nothing.
 */
export type RosterEntryInput = Omit<StaffProfile, 'unionPath' | 'activeCases' | 'updatedAt'>;

export interface ProvisioningRequest {
  readonly unions: readonly Union[];
  readonly calendar: readonly YearArrangement[];
  readonly roster: readonly RosterEntryInput[];
}

export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Everything wrong with a request against what is stored, by path in the file; empty when it may be loaded. */
export function provisioningProblems(request: ProvisioningRequest, stored: UnionDirectory): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  request.unions.forEach((union, index) => {
    if (seen.has(union.code))
      problems.push({
        path: `unions.${index}.code`,
        message: `${union.code} is listed twice (also unions.${seen.get(union.code)})`,
      });
    seen.set(union.code, index);
  });
  const merged = mergedDirectory(request, stored);
  request.unions.forEach((union, index) => {
    if (union.parentCode !== null && !merged.get(union.parentCode)) {
      problems.push({
        path: `unions.${index}.parentCode`,
        message: `${union.parentCode} is neither in the file nor in the directory`,
      });
      return;
    }
    if (union.parentCode !== null && (!divisionCovers(union.parentCode, union.code) || union.parentCode === union.code)) {
      problems.push({ path: `unions.${index}.parentCode`, message: `${union.code} does not lie within ${union.parentCode}` });
    }
    const root = merged.get(merged.pathOf(union.code)[0] ?? '');
    if (root && root.parentCode !== null) {
      problems.push({ path: `unions.${index}.parentCode`, message: 'its parents do not lead up to a province' });
    }
  });
  const years = new Map<number, number>();
  request.calendar.forEach((arrangement, index) => {
    if (years.has(arrangement.year))
      problems.push({ path: `calendar.${index}.year`, message: `${arrangement.year} is listed twice` });
    years.set(arrangement.year, index);
    for (const problem of arrangementProblems(arrangement))
      problems.push({ path: `calendar.${index}.${problem.path}`, message: problem.message });
  });
  const staffIds = new Map<string, number>();
  request.roster.forEach((entry, index) => {
    if (staffIds.has(entry.staffId))
      problems.push({ path: `roster.${index}.staffId`, message: `is listed twice (also roster.${staffIds.get(entry.staffId)})` });
    staffIds.set(entry.staffId, index);
    if (!merged.get(entry.unionCode))
      problems.push({ path: `roster.${index}.unionCode`, message: `${entry.unionCode} is not a union in the directory` });
  });
  return problems;
}

/** The directory as it will be once the request's unions are stored. */
export function mergedDirectory(request: ProvisioningRequest, stored: UnionDirectory): UnionDirectory {
  const byCode = new Map(stored.all().map((union) => [union.code, union]));
  for (const union of request.unions) byCode.set(union.code, union);
  return new UnionDirectory(byCode.values(), stored.calendar);
}

/** Stable JSON (sorted keys), so that comparing stored and requested values ignores key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}

export interface ProvisioningPlan {
  readonly unions: { readonly write: readonly Union[]; readonly unchanged: number };
  /** The calendar to store, when any year changes. */
  readonly calendar: { readonly next?: LoadedCalendar; readonly changedYears: readonly number[]; readonly unchanged: number };
  readonly roster: { readonly write: readonly RosterEntryInput[]; readonly unchanged: number };
}

/** What must be written for the store to hold what the request says: only what differs. */
export function planProvisioning(
  request: ProvisioningRequest,
  stored: { readonly directory: UnionDirectory; readonly roster: ReadonlyMap<string, StaffProfile> },
): ProvisioningPlan {
  const unionsToWrite = request.unions.filter((union) => {
    const current = stored.directory.get(union.code);
    return !current || canonical(current) !== canonical(union);
  });

  let calendar: LoadedCalendar = stored.directory.calendar;
  const changedYears: number[] = [];
  for (const arrangement of request.calendar) {
    const { year, holidays, adjustedWorkdays } = arrangement;
    const current = yearOfCalendar(calendar, year);
    const loaded = calendarYears(calendar).includes(year);
    const same =
      loaded &&
      canonical([...current.holidays].sort()) === canonical([...holidays].sort()) &&
      canonical([...current.adjustedWorkdays].sort()) === canonical([...adjustedWorkdays].sort()) &&
      calendar.sources?.[String(year)] === arrangement.source;
    if (same) continue;
    calendar = withYear(calendar, arrangement);
    changedYears.push(year);
  }

  const rosterToWrite = request.roster.filter((entry) => {
    const current = stored.roster.get(entry.staffId);
    if (!current) return true;
    const { unionPath: _path, activeCases: _active, updatedAt: _updated, ...comparable } = current;
    return canonical(comparable) !== canonical(entry);
  });

  return {
    unions: { write: unionsToWrite, unchanged: request.unions.length - unionsToWrite.length },
    calendar: {
      ...(changedYears.length > 0 ? { next: calendar } : {}),
      changedYears,
      unchanged: request.calendar.length - changedYears.length,
    },
    roster: { write: rosterToWrite, unchanged: request.roster.length - rosterToWrite.length },
  };
}
