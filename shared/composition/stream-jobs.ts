import { randomUUID } from 'node:crypto';
import { AlertRepository } from '../store/alert-repository.js';
import { CaseRepository } from '../store/case-repository.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import type { NotificationSenders, StreamDependencies } from '../usecases/stream-dependencies.js';

/**
 * What all the stream jobs need together, for `npm start`, which runs them
 * all off DynamoDB Local's one stream. No function imports this: each is
 * composed from its own file (delivery.ts, early-warning.ts), so neither
 * bundles the other's adapters.
 */
export function streamDependencies(senders: NotificationSenders): StreamDependencies {
  return {
    alerts: new AlertRepository(),
    cases: new CaseRepository(),
    deliveries: new DeliveryRepository(),
    unions: new UnionRepository(),
    now: () => new Date(),
    newId: randomUUID,
    ...senders,
  };
}
