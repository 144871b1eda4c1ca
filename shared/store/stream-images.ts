import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseRecord } from '../domain/cases.js';
import type { OutboxMessage } from '../domain/notifications.js';
import { ENTITY } from './entities.js';
import { withoutStorageAttributes } from './operations.js';

/**
 * The item kinds the stream consumer acts on; the event source mapping filters the stream to these. Timeline
 * events for one type only (a transfer accepted: the early warning follows the case), which the consumer picks out.
 */
export const STREAM_ENTITIES = [ENTITY.outbox, ENTITY.case, ENTITY.event] as const;

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
