import { CaseRepository } from '../store/case-repository.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { DeliveryDependencies } from '../usecases/notify.js';
import type { NotificationSenders } from '../usecases/stream-dependencies.js';

export { notificationSenders } from './notification-senders.js';

let repositories: Omit<DeliveryDependencies, keyof NotificationSenders> | undefined;

/** The composition of the outbox deliverer; the repositories are built once per container, the senders at the edge. */
export function deliveryDependencies(
  senders: NotificationSenders,
  overrides: Partial<DeliveryDependencies> = {},
): DeliveryDependencies {
  repositories ??= {
    cases: new CaseRepository(),
    deliveries: new DeliveryRepository(),
    unions: new UnionRepository(),
    now: () => new Date(),
  };
  return { ...repositories, ...senders, ...overrides };
}
