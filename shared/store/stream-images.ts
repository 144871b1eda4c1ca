import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseRecord } from '../domain/cases.js';
import type { OutboxMessage } from '../domain/notifications.js';
import { ENTITY } from './entities.js';
import { withoutStorageAttributes } from './operations.js';

/** New items of one kind (and, for timeline events, one type) that the stream consumer acts on. */
export interface StreamInsert {
  readonly entity: string;
  readonly type?: string;
}

/**
 * What the stream consumer acts on; the event source mapping filters the stream to these, so the consumer is not
 * invoked for every other write: new outbox messages, new cases, and of the timeline only an accepted transfer (the
 * early warning follows the case to its new union).
 */
export const STREAM_INSERTS: readonly StreamInsert[] = [
  { entity: ENTITY.outbox },
  { entity: ENTITY.case },
  { entity: ENTITY.event, type: 'transfer_accepted' },
];

/** A new item the stream consumer acts on, decoded into the record the repositories wrote. */
export type StreamItem =
  | { readonly entity: typeof ENTITY.outbox; readonly message: OutboxMessage }
  | { readonly entity: typeof ENTITY.case; readonly caseRecord: CaseRecord }
  /** A case now held by another union (its transfer was accepted). */
  | { readonly entity: typeof ENTITY.event; readonly transferredCaseId: string };

/** A stream record's new image as a record, or undefined for the item kinds the consumer does not act on. */
export function streamItemOf(image: Record<string, unknown>): StreamItem | undefined {
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.entity === ENTITY.outbox) return { entity: ENTITY.outbox, message: withoutStorageAttributes<OutboxMessage>(item) };
  if (item.entity === ENTITY.case) return { entity: ENTITY.case, caseRecord: withoutStorageAttributes<CaseRecord>(item) };
  if (item.entity === ENTITY.event && item.type === 'transfer_accepted') {
    return { entity: ENTITY.event, transferredCaseId: item.caseId as string };
  }
  return undefined;
}
