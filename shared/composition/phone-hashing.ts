import { phoneHash } from '../security/phone-hash.js';
import type { PhoneHashing } from '../usecases/dependencies.js';

/** The keyed phone hash, for the functions that match callers (its own module: only they bundle Secrets Manager). */
export const phoneHashing: PhoneHashing = { hashPhone: phoneHash };
