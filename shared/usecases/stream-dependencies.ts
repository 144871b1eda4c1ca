import { consoleSender } from '../notify/console-sender.js';
import { SnsSender } from '../notify/sns-sender.js';
import { AlertRepository } from '../store/alert-repository.js';
import { CaseRepository } from '../store/case-repository.js';
import { DeliveryRepository } from '../store/delivery-repository.js';
import { UnionRepository } from '../store/union-repository.js';
import { randomUUID } from 'node:crypto';
import type { AlertDependencies } from './early-warning.js';
import type { DeliveryDependencies } from './notify.js';

export type StreamDependencies = AlertDependencies & DeliveryDependencies;

let defaults: StreamDependencies | undefined;

/** The stream consumer's dependencies, built once per container; the sender is SNS unless a test or `npm start` passes another. */
export function streamDependencies(overrides: Partial<StreamDependencies> = {}): StreamDependencies {
  defaults ??= {
    alerts: new AlertRepository(),
    cases: new CaseRepository(),
    deliveries: new DeliveryRepository(),
    unions: new UnionRepository(),
    // Locally (npm start, npm run invoke) messages are printed, not sent.
    sender: process.env.NOTIFICATIONS === 'console' ? consoleSender() : new SnsSender(process.env.STAFF_NOTICES_TOPIC_ARN ?? ''),
    now: () => new Date(),
    newId: randomUUID,
  };
  return { ...defaults, ...overrides };
}
