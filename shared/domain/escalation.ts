import type { CaseRecord, TimelineEvent } from './cases.js';
import { missedDeadlines, overdueSince } from './deadlines.js';
import { CASE_ACTIONS } from './lifecycle.js';
import { escalationNotices } from './notifications.js';
import type { Moment } from './moment.js';
import { event, type Transition } from './transition.js';

const SYSTEM = { kind: 'system' } as const;

/**
 * What the sweeper does to a case whose clocks ran out: each missed clock is
 * stamped escalated (so it is never escalated twice) with a `deadline_missed`
 * event; a missed accountable clock makes the case overdue; the legal
 * department and the owner are told of every missed clock; a claim nobody
 * worked goes back to its pool. Undefined when nothing is due, so a second sweep changes nothing.
 */
export function escalate(caseRecord: CaseRecord, moment: Moment): (Transition & { releasedOwner?: string }) | undefined {
  if (!(CASE_ACTIONS.escalate.from as readonly string[]).includes(caseRecord.status)) return undefined;
  const missed = missedDeadlines(caseRecord.deadlines, moment.now);
  if (missed.length === 0) return undefined;
  const at = moment.now.toISOString();
  const reported = missed.filter((deadline) => deadline.clock !== 'claim_idle');
  const events: TimelineEvent[] = missed.map((deadline, index) =>
    event(
      caseRecord,
      'deadline_missed',
      SYSTEM,
      { clock: deadline.clock, dueAt: deadline.dueAt, basis: deadline.basis },
      moment,
      index + 1,
    ),
  );
  const deadlines = (caseRecord.deadlines ?? []).map((deadline) =>
    missed.includes(deadline) ? { ...deadline, escalatedAt: at } : deadline,
  );
  // Overdue since the missed clock's due time, not since this sweep noticed (see overdueSince).
  const overdueAt = caseRecord.overdueAt ?? overdueSince(deadlines);
  let next: CaseRecord = { ...caseRecord, deadlines, ...(overdueAt ? { overdueAt } : {}), version: caseRecord.version + 1 };
  const owner = caseRecord.owner;
  const staleClaim = missed.some((deadline) => deadline.clock === 'claim_idle') && caseRecord.status === 'claimed' && owner;
  if (staleClaim && caseRecord.pool) {
    const { owner: _owner, ...unowned } = next;
    next = { ...unowned, status: 'in_pool' };
    events.push(
      event(
        caseRecord,
        'released',
        SYSTEM,
        { reason: 'no recorded work within 48 hours of the claim', previousOwner: owner.staffId, pool: caseRecord.pool },
        moment,
        events.length + 1,
      ),
    );
  }
  return {
    next,
    events,
    // Everyone concerned hears of a missed clock, except the idle claim, whose remedy (back to the pool) is automatic.
    outbox:
      reported.length > 0
        ? escalationNotices(
            next,
            reported.map((deadline) => deadline.clock),
            moment,
          )
        : [],
    ...(staleClaim && caseRecord.pool ? { releasedOwner: owner.staffId } : {}),
  };
}
