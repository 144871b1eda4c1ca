import { AppError } from '../domain/errors.js';
import type { Caller } from '../domain/roles.js';
import { NOT_ON_ROSTER, type StaffProfile } from '../domain/roster.js';
import type { Category } from '../domain/vocabulary.js';
import { RosterConflict } from '../domain/conflicts.js';
import type { Dependencies } from './dependencies.js';

/** The roster reads and writes staff profiles under the union directory; no case is touched. */
export type RosterDependencies = Pick<Dependencies, 'staff' | 'unions' | 'now'>;

export interface RosterEntryInput {
  readonly displayName: string;
  readonly role: 'lawyer' | 'mediator';
  readonly unionCode: string;
  readonly categories: readonly Category[];
  readonly capacity: number;
  readonly dutyWeekdays: readonly number[];
  readonly dutyDates: readonly string[];
  readonly conflicts: readonly string[];
  readonly active: boolean;
}

async function provinceOf(deps: RosterDependencies, unionCode: string): Promise<string> {
  return (await deps.unions.directory()).provinceOf(unionCode);
}

/** The lawyers and mediators of the caller's subtree. */
export async function listRoster(
  deps: RosterDependencies,
  caller: Caller,
  filter: { role?: 'lawyer' | 'mediator' },
): Promise<StaffProfile[]> {
  const everyone = await deps.staff.listProvince(await provinceOf(deps, caller.unionCode));
  return everyone.filter((staff) => staff.unionPath.includes(caller.unionCode) && (!filter.role || staff.role === filter.role));
}

export async function getRosterEntry(deps: RosterDependencies, caller: Caller, staffId: string): Promise<StaffProfile> {
  const staff = await deps.staff.get(await provinceOf(deps, caller.unionCode), staffId);
  if (!staff || !staff.unionPath.includes(caller.unionCode)) throw new AppError('NOT_FOUND', NOT_ON_ROSTER);
  return staff;
}

/**
 * Adds or updates a roster entry within the caller's subtree; the active-case
 * count is never set by hand. A staff id has one entry: moving a person
 * between unions of the subtree rewrites that entry (one item, written with
 * its staff-id claim in one transaction).
 *
 * An id whose entry lies outside the caller's subtree, in their province or
 * in another, is "not found", never "forbidden": staff ids are the people's
 * sign-in subjects, and a legal department may not learn through the roster
 * that someone works for a union it cannot see (the read routes' rule).
 */
export async function putRosterEntry(
  deps: RosterDependencies,
  caller: Caller,
  staffId: string,
  input: RosterEntryInput,
): Promise<StaffProfile> {
  const directory = await deps.unions.directory();
  if (!directory.get(input.unionCode) || !directory.isWithin(input.unionCode, caller.unionCode)) {
    throw new AppError('UNPROCESSABLE', { zh: '只能选择本工会或其下级工会。', en: 'The union must be yours or one below it.' }, [
      { path: 'unionCode', message: { zh: '不在本工会管辖范围内', en: 'outside your union’s area' } },
    ]);
  }
  const unionPath = directory.pathOf(input.unionCode);
  const province = unionPath[0]!;
  const notOnYourRoster = () => new AppError('NOT_FOUND', NOT_ON_ROSTER);
  const [home, existing] = await Promise.all([deps.staff.provinceOf(staffId), deps.staff.get(province, staffId)]);
  if (home !== undefined && home !== province) throw notOnYourRoster();
  if (existing && !existing.unionPath.includes(caller.unionCode)) throw notOnYourRoster();
  // Every case they work lies in their current union's area; a union above it sees all of those, any other might
  // not, and nobody may own a case they cannot open. (Concurrent claims are caught by the activeCases condition.)
  if (existing && existing.activeCases > 0 && !existing.unionPath.includes(input.unionCode)) {
    throw new AppError(
      'UNPROCESSABLE',
      {
        zh: `${existing.displayName}在现工会还有${existing.activeCases}件在办案件，请先改派或退回。`,
        en: `${existing.displayName} works ${existing.activeCases} cases of their current union; reassign or release them first.`,
      },
      [
        {
          path: 'unionCode',
          code: 'has_active_cases',
          message: { zh: '其在办案件可能不在该工会的管辖范围内', en: 'they work cases this union might not see' },
        },
      ],
    );
  }
  const profile: StaffProfile = {
    staffId,
    ...input,
    unionPath,
    activeCases: existing?.activeCases ?? 0,
    updatedAt: deps.now().toISOString(),
  };
  try {
    await deps.staff.put(profile, { exists: existing !== undefined, activeCases: profile.activeCases });
  } catch (error) {
    if (!(error instanceof RosterConflict)) throw error;
    // Another province took the id meanwhile: as above, its existence there is not this caller's to learn.
    if (error.on === 'province') throw notOnYourRoster();
    throw new AppError('CONFLICT', {
      zh: '名册信息刚刚发生变化（有案件被认领或退回），请刷新后重试。',
      en: 'The roster entry changed meanwhile (a claim or release); reload and try again.',
    });
  }
  return profile;
}
