import { randomUUID } from 'node:crypto';
import { CaseRepository } from '../store/case-repository.js';
import type { PublicAccessRepository } from '../store/public-access-repository.js';
import { StaffRepository } from '../store/staff-repository.js';
import { UnionRepository } from '../store/union-repository.js';

/** What the use cases need from the outside world; tests substitute any of it. */
export interface Dependencies {
  readonly cases: CaseRepository;
  readonly unions: UnionRepository;
  readonly staff: StaffRepository;
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

/** The key that binds page cursors to their query (see cursor.ts), for the use cases that page. */
export interface PageCursors {
  readonly cursorKey: () => Promise<string>;
}

/** A complainant's access to their own case (public routes only; built in public-dependencies.ts). */
export interface ComplainantAccess {
  readonly publicAccess: PublicAccessRepository;
  readonly newAccessCode: () => string;
}

let defaults: Dependencies | undefined;

/** Built on first use in a container and reused, like the SDK client under it. */
export function defaultDependencies(): Dependencies {
  defaults ??= {
    cases: new CaseRepository(),
    unions: new UnionRepository(),
    staff: new StaffRepository(),
    now: () => new Date(),
    newId: randomUUID,
  };
  return defaults;
}
