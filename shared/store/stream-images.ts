import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseRecord } from '../domain/cases.js';
import type { OutboxMessage } from '../domain/notifications.js';
import { caseFieldsOf } from './case-item.js';
import { ENTITY } from './entities.js';
import { withoutStorageAttributes } from './operations.js';

/** New items of one kind (and, for timeline events, one type) that the stream consumer acts on. */
export interface StreamInsert {
  readonly entity: string;
  readonly type?: string;
}

/**
 * What each stream consumer acts on; each one's event source mapping filters the stream to its own kinds, so it is
 * not invoked for any other write. The outbox deliverer takes new outbox messages; the early warning takes new
 * cases and, of the timeline, only an accepted transfer (the warning follows the case to its new union). Two
 * functions, so that only the one that sends SMS carries the SMS provider's SDK.
 */
export const OUTBOX_INSERTS: readonly StreamInsert[] = [{ entity: ENTITY.outbox }];
export const EARLY_WARNING_INSERTS: readonly StreamInsert[] = [
  { entity: ENTITY.case },
  { entity: ENTITY.event, type: 'transfer_accepted' },
];

/** Whether a new image is one of these kinds of insert: what the stream filter lets through in the cloud. */
export function isInsertOf(
  image: Readonly<Record<string, { readonly S?: string }>> | undefined,
  inserts: readonly StreamInsert[],
): boolean {
  return inserts.some(({ entity, type }) => image?.entity?.S === entity && (type === undefined || image.type?.S === type));
}

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
  if (item.entity === ENTITY.case) return { entity: ENTITY.case, caseRecord: caseFieldsOf(item) };
  if (item.entity === ENTITY.event && item.type === 'transfer_accepted') {
    return { entity: ENTITY.event, transferredCaseId: item.caseId as string };
  }
  return undefined;
}
