import { AlertRepository } from '../store/alert-repository.js';
import type { AlertDependencies } from '../usecases/early-warning.js';
import { defaultDependencies } from './staff-api.js';

let defaults: AlertDependencies | undefined;

/** The composition of the early-warning routes. */
export function alertDependencies(): AlertDependencies {
  defaults ??= { ...defaultDependencies(), alerts: new AlertRepository() };
  return defaults;
}
