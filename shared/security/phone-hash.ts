import { createHmac } from 'node:crypto';
import { secretKey } from './secret-key.js';
import { FUNCTION_ENV } from '../config/environment.js';

/**
 * Phone numbers are matched by HMAC-SHA256 under a secret key, never stored
 * or indexed in plain. A plain hash would not do: there are only ~10^10
 * mobile numbers, so an unkeyed hash is reversed by hashing them all.
 *
 * In the cloud the key is a Secrets Manager secret (PHONE_HASH_SECRET_ARN),
 * read once per container on first use; locally it is PHONE_HASH_KEY.
 */
export const phoneHashKey = secretKey({
  purpose: 'phone hash',
  localKeyEnv: FUNCTION_ENV.phoneHashLocalKey,
  secretArnEnv: FUNCTION_ENV.phoneHashSecretArn,
});

export function hashPhone(secretKey: string, mobile: string): string {
  return createHmac('sha256', secretKey).update(mobile).digest('base64url');
}

export async function phoneHash(mobile: string): Promise<string> {
  return hashPhone(await phoneHashKey(), mobile);
}
