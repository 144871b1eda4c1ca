import { PublicAccessRepository } from '../store/public-access-repository.js';
import type { ComplainantAccess, Dependencies } from '../usecases/dependencies.js';
import { newAccessCode } from '../usecases/digests.js';
import { defaultDependencies } from './staff-api.js';

let access: ComplainantAccess | undefined;

/** The composition of the complainant's public routes: the default dependencies plus their own access store. */
export function publicDependencies(): Dependencies & ComplainantAccess {
  access ??= { publicAccess: new PublicAccessRepository(), newAccessCode };
  return { ...defaultDependencies(), ...access };
}
