import type { OutboxMessage, Recipient } from '../domain/notifications.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';

/** Where a message goes once its recipient is resolved. */
export type Address = { readonly kind: 'phone'; readonly mobile: string } | Exclude<Recipient, { kind: 'complainant' }>;

/** Sends one message (SNS in the cloud, the console locally). */
export interface NotificationSender {
  send(message: OutboxMessage, to: Address): Promise<void>;
}

export interface DeliveryDependencies {
  readonly cases: Pick<CaseRepository, 'getContact'>;
  readonly deliveries: DeliveryRepository;
  readonly sender: NotificationSender;
  readonly now: () => Date;
}

export type DeliveryResult = 'sent' | 'already_sent' | 'no_address';

/**
 * Delivers one outbox message at most once: claim, resolve the address
 * (the complainant's number from the case's contact details, read only now),
 * send, mark sent. A failed send releases the claim and rethrows, so the
 * stream retries it.
 */
export async function deliver(deps: DeliveryDependencies, message: OutboxMessage): Promise<DeliveryResult> {
  const claim = await deps.deliveries.claim(message.messageId, deps.now());
  if (claim === 'sent') return 'already_sent';
  // Another consumer is sending it right now; if it fails, this record's retry must still find it unsent.
  if (claim === 'in_flight') throw new DeliveryInFlight(message.messageId);
  try {
    const to = await addressOf(deps, message);
    if (to) await deps.sender.send(message, to);
    await deps.deliveries.markSent(message.messageId, deps.now());
    return to ? 'sent' : 'no_address';
  } catch (error) {
    await deps.deliveries.release(message.messageId);
    throw error;
  }
}

async function addressOf(deps: DeliveryDependencies, message: OutboxMessage): Promise<Address | undefined> {
  if (message.recipient.kind !== 'complainant') return message.recipient;
  const contact = await deps.cases.getContact(message.caseId);
  return contact ? { kind: 'phone', mobile: contact.mobile } : undefined;
}

/** The message is being sent by another consumer; the stream retries the record later. */
export class DeliveryInFlight extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} is being delivered by another consumer`);
    this.name = 'DeliveryInFlight';
  }
}
