import { randomUUID } from 'node:crypto';
import { CaseRepository } from '../store/case-repository.js';
import { StaffRepository } from '../store/staff-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { Dependencies } from '../usecases/dependencies.js';

/**
 * The composition of the staff API's functions (and the jobs that act on
 * cases): the repositories behind the use cases' ports, built on first use in
 * a container and reused, like the SDK client under them.
 */
let defaults: Dependencies | undefined;

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
