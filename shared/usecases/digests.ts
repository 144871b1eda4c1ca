import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ACCESS_CODE_RANDOM_BYTES, formatAccessCode } from '../domain/public-case.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A fresh access code (60 random bits), shown to the complainant once. */
export function newAccessCode(): string {
  return formatAccessCode(randomBytes(ACCESS_CODE_RANDOM_BYTES));
}

/**
 * Only this hash of an access code is stored. The case id salts it, so equal
 * codes of different cases hash apart; 60 random bits make an offline search
 * of the hash impractical without needing a secret key (and the Secrets
 * Manager call a key would cost every public request).
 */
export function hashAccessCode(caseId: string, normalizedCode: string): string {
  return sha256(`access-code:${caseId}:${normalizedCode}`);
}

export function accessCodeMatches(caseId: string, normalizedCode: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashAccessCode(caseId, normalizedCode));
  const stored = Buffer.from(storedHash);
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

/** Idempotency keys are stored only as hashes: a key may carry whatever a client put in it. */
export function hashIdempotencyKey(key: string): string {
  return sha256(`idempotency-key:${key}`);
}

/**
 * An operator's Idempotency-Key for registering a call, scoped to the operator:
 * two operators' equal keys stay apart, and the prefix keeps every staff key
 * apart from the public route's keys (a complainant cannot name a staff
 * member's key to have their case reissued). `payloadHash` tells a retry from a
 * different registration under the same key.
 */
export function staffRegistrationIdempotency(
  staffId: string,
  key: string,
  payload: unknown,
): { keyHash: string; payloadHash: string } {
  return { keyHash: sha256(`staff-idempotency-key:${JSON.stringify([staffId, key])}`), payloadHash: hashPayload(payload) };
}

/** A hash of a JSON value that does not depend on key order. */
export function hashPayload(value: unknown): string {
  return sha256(canonicalJson(value));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
