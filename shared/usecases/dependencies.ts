import { randomUUID } from 'node:crypto';
import { phoneHash } from '../security/phone-hash.js';
import { CaseRepository } from '../store/case-repository.js';
import { UnionRepository } from '../store/union-repository.js';

/** What the use cases need from the outside world; tests substitute any of it. */
export interface Dependencies {
  readonly cases: CaseRepository;
  readonly unions: UnionRepository;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly hashPhone: (mobile: string) => Promise<string>;
}

let defaults: Dependencies | undefined;

/** Built on first use in a container and reused, like the SDK client under it. */
export function defaultDependencies(): Dependencies {
  defaults ??= {
    cases: new CaseRepository(),
    unions: new UnionRepository(),
    now: () => new Date(),
    newId: randomUUID,
    hashPhone: phoneHash,
  };
  return defaults;
}
