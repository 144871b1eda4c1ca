import { StaffRepository } from '../store/staff-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { RosterDependencies } from '../usecases/roster.js';

/**
 * The composition of the roster and union-list routes: only the staff and
 * union repositories, so these functions do not bundle the case repository
 * and the case rules under it (staff-api.ts composes those).
 */
let defaults: RosterDependencies | undefined;

export function rosterDependencies(): RosterDependencies {
  defaults ??= { staff: new StaffRepository(), unions: new UnionRepository(), now: () => new Date() };
  return defaults;
}
