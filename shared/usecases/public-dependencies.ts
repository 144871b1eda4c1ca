import { newAccessCode } from '../security/digests.js';
import { PublicAccessRepository } from '../store/public-access-repository.js';
import { defaultDependencies, type ComplainantAccess, type Dependencies } from './dependencies.js';

let access: ComplainantAccess | undefined;

/** The default dependencies plus what the complainant's public routes need. */
export function publicDependencies(): Dependencies & ComplainantAccess {
  access ??= { publicAccess: new PublicAccessRepository(), newAccessCode };
  return { ...defaultDependencies(), ...access };
}
