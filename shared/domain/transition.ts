import type { CaseRecord, TimelineEvent } from './cases.js';
import type { Moment } from './moment.js';
import type { OutboxMessage } from './notifications.js';

/**
 * A case's move to its next state: the next record (version + 1) and the
 * events that explain it. The store writes both, with the figures they move,
 * only if nobody changed the case meanwhile.
 */
export interface Transition {
  readonly next: CaseRecord;
  readonly events: readonly TimelineEvent[];
  /** Messages the change causes, written with it (see notifications.ts). */
  readonly outbox?: readonly OutboxMessage[];
}

export function event(
  caseRecord: Pick<CaseRecord, 'caseId'>,
  type: TimelineEvent['type'],
  actor: TimelineEvent['actor'],
  data: Record<string, unknown>,
  moment: Moment,
  seq = 1,
): TimelineEvent {
  return { caseId: caseRecord.caseId, eventId: moment.newEventId(), seq, at: moment.now.toISOString(), type, actor, data };
}
