import { randomUUID } from 'node:crypto';
import { AlertRepository } from '../store/alert-repository.js';
import { CaseRepository } from '../store/case-repository.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { NotificationSenders, StreamDependencies } from '../usecases/stream-dependencies.js';

export { notificationSenders } from './notification-senders.js';
export { STREAM_INSERTS, streamItemOf, type StreamInsert } from '../store/stream-images.js';

let repositories: Omit<StreamDependencies, keyof NotificationSenders> | undefined;

/** The composition of the table's stream consumer; the repositories are built once per container. */
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
