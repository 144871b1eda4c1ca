import type { CaseStore, PublicAccessStore, StaffStore, UnionStore } from './ports.js';

/**
 * What the use cases need from the outside world, as ports; the composition
 * modules (shared/composition) build them, tests substitute any of it.
 */
export interface Dependencies {
  readonly cases: CaseStore;
  readonly unions: UnionStore;
  readonly staff: StaffStore;
  readonly now: () => Date;
  readonly newId: () => string;
}

/**
 * Keyed hashing of phone numbers, for the use cases that match callers. Kept
 * out of `Dependencies` so that functions which never hash a phone number do
 * not bundle the Secrets Manager client that fetches the key.
 */
export interface PhoneHashing {
  readonly hashPhone: (mobile: string) => Promise<string>;
}

/**
 * The access code of a filing made with an Idempotency-Key, the same for every
 * answer to that key (derived under a secret key: see
 * shared/security/filing-access-code.ts).
 */
export interface KeyedAccessCodes {
  readonly accessCodeForKey: (idempotencyKeyHash: string) => Promise<string>;
}

/** The key that binds page cursors to their query (see cursor.ts), for the use cases that page. */
export interface PageCursors {
  readonly cursorKey: () => Promise<string>;
}

/** A complainant's access to their own case (public routes only; built in composition/public-api.ts). */
export interface ComplainantAccess {
  readonly publicAccess: PublicAccessStore;
  readonly newAccessCode: () => string;
}
