import { accessCodeForKey } from '../security/filing-access-code.js';
import type { KeyedAccessCodes } from '../usecases/dependencies.js';

/** Access codes derived from a filing's Idempotency-Key (Secrets Manager, like phone hashing: only filing bundles it). */
export const keyedAccessCodes: KeyedAccessCodes = { accessCodeForKey };
