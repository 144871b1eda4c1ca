import { createHmac } from 'node:crypto';
import { formatAccessCode } from '../domain/public-case.js';
import { phoneHashKey } from './phone-hash.js';

/**
 * The access code of a complaint filed with an Idempotency-Key is derived from
 * the key (its hash), so every answer for that key carries the same code: the
 * first, a replay, and a retry that reaches the case after the first attempt
 * was cut off or its stored answer expired. A worker who saw one answer is
 * never locked out by a retry in another tab.
 *
 * Keyed, so that neither the key nor the table reveals the code: the client
 * chooses the key (it may be weak), and the table holds its hash. The key is
 * the phone-hash key, which the filing function loads anyway; the label keeps
 * the two uses apart (an HMAC's outputs for different inputs tell nothing of
 * each other, and no phone number starts with `access-code:`).
 */
export function deriveAccessCode(secretKey: string, idempotencyKeyHash: string): string {
  return formatAccessCode(createHmac('sha256', secretKey).update(`access-code:${idempotencyKeyHash}`).digest());
}

export async function accessCodeForKey(idempotencyKeyHash: string): Promise<string> {
  return deriveAccessCode(await phoneHashKey(), idempotencyKeyHash);
}
