import { randomUUID } from 'node:crypto';
import { AlertRepository } from '../store/alert-repository.js';
import { CaseRepository } from '../store/case-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { AlertDependencies, TransferredCases } from '../usecases/early-warning.js';

let dependencies: (AlertDependencies & TransferredCases) | undefined;

/** The composition of the early warning's stream consumer, built once per container. It sends nothing itself. */
export function earlyWarningDependencies(): AlertDependencies & TransferredCases {
  dependencies ??= {
    alerts: new AlertRepository(),
    cases: new CaseRepository(),
    unions: new UnionRepository(),
    now: () => new Date(),
    newId: randomUUID,
  };
  return dependencies;
}
