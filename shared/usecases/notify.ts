import {
  DeliveryFailure,
  MalformedMessage,
  isSmsTemplate,
  isTemplate,
  templateParams,
  type OutboxMessage,
  type Recipient,
  type SmsTemplate,
} from '../domain/notifications.js';
import { isMobileNumber } from '../domain/identifiers.js';
import { smsSignatureOf } from '../domain/unions.js';
import type { CaseStore, DeliveryStore, UnionStore } from './ports.js';

/** One SMS: a registered template, its parameters and the union's signature; the provider composes the text. */
export interface SmsRequest {
  /** Mainland mobile number, 11 digits (adapters add +86 as their API wants it). */
  readonly phoneNumber: string;
  readonly template: SmsTemplate;
  readonly params: Readonly<Record<string, string>>;
  /** The approved signature (签名), without 【】. */
  readonly signName: string;
}

/**
 * The SMS port (SNS, Alibaba Cloud SMS, Tencent Cloud SMS, the console). A
 * send that resolves was accepted by the provider; one that fails throws,
 * an `SmsRefused` when the provider said why.
 */
export interface SmsSender {
  send(sms: SmsRequest): Promise<void>;
}

/** Where a staff notice goes. */
export type StaffAddress = Exclude<Recipient, { kind: 'complainant' }>;

/** The staff-notices port (an SNS topic the staff apps subscribe to; the console locally). */
export interface StaffNoticeSender {
  send(message: OutboxMessage, to: StaffAddress): Promise<void>;
}

/**
 * The provider answered and refused the message. `invalid_number` is final
 * (no retry can help); `throttled` and `rejected` (template or signature not
 * approved, account out of credit, …) are retried by the stream.
 */
export class SmsRefused extends DeliveryFailure {
  constructor(
    readonly reason: 'invalid_number' | 'throttled' | 'rejected',
    readonly provider: string,
    readonly providerCode: string,
  ) {
    super(`${provider} refused the SMS: ${reason} (${providerCode})`);
    this.name = 'SmsRefused';
  }

  get details(): Record<string, string> {
    return { reason: this.reason, provider: this.provider, providerCode: this.providerCode };
  }
}

/**
 * The send failed without an answer from the provider (network, timeout, an
 * unexpected SDK error): retried. Only the original error's name is kept: SDK
 * messages can quote the request, phone number included.
 */
export class SmsNotSent extends DeliveryFailure {
  constructor(
    readonly provider: string,
    readonly errorName: string,
  ) {
    super(`${provider}: the SMS was not sent (${errorName})`);
    this.name = 'SmsNotSent';
  }

  get details(): Record<string, string> {
    return { provider: this.provider, error: this.errorName };
  }
}

/** No union on the case's path has an SMS signature: the message is not sent unsigned. */
export class NoSmsSignature extends DeliveryFailure {
  constructor(readonly unionCode: string) {
    super(`no SMS signature for union ${unionCode} or any union above it`);
    this.name = 'NoSmsSignature';
  }

  get details(): Record<string, string> {
    return { unionCode: this.unionCode };
  }
}

export interface DeliveryDependencies {
  readonly cases: Pick<CaseStore, 'getContact'>;
  readonly unions: Pick<UnionStore, 'directory'>;
  readonly deliveries: DeliveryStore;
  readonly sms: SmsSender;
  readonly staffNotices: StaffNoticeSender;
  readonly now: () => Date;
}

/**
 * `undeliverable`: the provider refused the number for good; `landline`: the
 * complainant gave a landline, which cannot receive SMS. Either way the
 * message is marked done, not retried.
 */
export type DeliveryResult = 'sent' | 'already_sent' | 'no_address' | 'landline' | 'undeliverable';

/**
 * Delivers one outbox message at most once: claim, resolve the address
 * (the complainant's number from the case's contact details, read only now)
 * and the signature, send, mark sent. A failed send releases the claim and
 * rethrows, so the stream retries it.
 */
export async function deliver(deps: DeliveryDependencies, message: OutboxMessage): Promise<DeliveryResult> {
  const claim = await deps.deliveries.claim(message.messageId, deps.now());
  if (claim === 'sent') return 'already_sent';
  // Another consumer is sending it right now; if it fails, this record's retry must still find it unsent.
  if (claim === 'in_flight') throw new DeliveryInFlight(message.messageId);
  try {
    const result = await send(deps, message);
    await deps.deliveries.markSent(message.messageId, deps.now(), result);
    return result;
  } catch (error) {
    await deps.deliveries.release(message.messageId);
    throw error;
  }
}

async function send(deps: DeliveryDependencies, message: OutboxMessage): Promise<Exclude<DeliveryResult, 'already_sent'>> {
  if (!isTemplate(message.template)) throw new MalformedMessage(message.template);
  if (message.recipient.kind !== 'complainant') {
    templateParams(message.template, message.params); // throws if a parameter is missing
    await deps.staffNotices.send(message, message.recipient);
    return 'sent';
  }
  if (!isSmsTemplate(message.template)) throw new MalformedMessage(message.template);
  const params = templateParams(message.template, message.params);
  const contact = await deps.cases.getContact(message.caseId);
  if (!contact) return 'no_address';
  if (!isMobileNumber(contact.mobile)) return 'landline';
  const signName = smsSignatureOf(await deps.unions.directory(), message.unionCode);
  if (!signName) throw new NoSmsSignature(message.unionCode);
  try {
    await deps.sms.send({ phoneNumber: contact.mobile, template: message.template, params, signName });
  } catch (error) {
    if (error instanceof SmsRefused && error.reason === 'invalid_number') return 'undeliverable';
    throw error;
  }
  return 'sent';
}

/** The message is being sent by another consumer; the stream retries the record later. */
export class DeliveryInFlight extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} is being delivered by another consumer`);
    this.name = 'DeliveryInFlight';
  }
}
