import { AlertRepository } from '../store/alert-repository.js';
import { CaseRepository } from '../store/case-repository.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import { randomUUID } from 'node:crypto';
import type { AlertDependencies } from './early-warning.js';
import type { DeliveryDependencies } from './notify.js';

export type StreamDependencies = AlertDependencies & DeliveryDependencies;

/** The senders come from the edge (the stream function's composition, `npm start`, a test): use cases know only the ports. */
export type NotificationSenders = Pick<DeliveryDependencies, 'sms' | 'staffNotices'>;

let repositories: Omit<StreamDependencies, keyof NotificationSenders> | undefined;

/** The stream consumer's dependencies; the repositories are built once per container. */
export function streamDependencies(
  senders: NotificationSenders,
  overrides: Partial<StreamDependencies> = {},
): StreamDependencies {
  repositories ??= {
    alerts: new AlertRepository(),
    cases: new CaseRepository(),
    deliveries: new DeliveryRepository(),
    unions: new UnionRepository(),
    now: () => new Date(),
    newId: randomUUID,
  };
  return { ...repositories, ...senders, ...overrides };
}
