import type { UnionDirectory } from '../domain/unions.js';
import type { CaseRecord, TimelineEvent } from '../domain/cases.js';
import { CLOCKS, type Deadline } from '../domain/deadlines.js';
import { legalAidEligibilityLabel } from '../domain/legal-aid.js';
import { moneyLedgerOf, recoveredByKind } from '../domain/money.js';
import { CASE_STATUSES, CATEGORIES, CHANNELS, OUTCOMES, REQUEST_KINDS, TIMELINE_EVENT_TYPES } from '../domain/vocabulary.js';
import type { CaseLookupRow, CaseRow } from '../domain/records.js';
import type { VisibleCase } from '../usecases/cases.js';
import { deadlineTimes, inChinaTime } from './china-time-view.js';

/** The API's view of a case: labels in Chinese beside English identifiers; contact details masked unless given. */
export function toCaseView({ caseRecord: c, unionName, contact }: VisibleCase) {
  return {
    ...caseHeadView(c, unionName),
    regionCode: c.regionCode,
    complainant: {
      name: contact?.name ?? c.complainant.nameMasked,
      mobile: contact?.mobile ?? c.complainant.mobileMasked,
      ...(contact?.idNumber
        ? { idNumber: contact.idNumber }
        : c.complainant.idNumberMasked
          ? { idNumber: c.complainant.idNumberMasked }
          : {}),
      migrantWorker: c.complainant.migrantWorker,
      modelWorker: c.complainant.modelWorker,
      womanWorker: c.complainant.womanWorker,
      masked: contact === undefined,
    },
    ...(c.employer ? { employer: c.employer } : {}),
    description: c.description,
    workersInvolved: c.workersInvolved,
    collective: c.collective,
    ...(c.amountClaimedFen !== undefined ? { amountClaimedFen: c.amountClaimedFen } : {}),
    ...(c.occurredOn ? { occurredOn: c.occurredOn } : {}),
    ...(c.employmentEndedOn ? { employmentEndedOn: c.employmentEndedOn } : {}),
    receivedAt: inChinaTime(c.receivedAt),
    registeredAt: inChinaTime(c.registeredAt),
    registeredBy: c.registeredBy,
    ...(c.outcome ? { outcome: c.outcome, outcomeLabel: OUTCOMES[c.outcome] } : {}),
    ...(c.closedAt ? { closedAt: inChinaTime(c.closedAt) } : {}),
    ...(c.amountAgreedFen !== undefined ? { amountAgreedFen: c.amountAgreedFen } : {}),
    ...(c.amountRecoveredFen !== undefined
      ? { amountRecoveredFen: c.amountRecoveredFen, amountsRecoveredFen: recoveredByKind(moneyLedgerOf(c)) }
      : {}),
    ...(c.legalAidEligibility
      ? { legalAidEligibility: { ...c.legalAidEligibility, label: legalAidEligibilityLabel(c.legalAidEligibility) } }
      : {}),
    ...(c.arbitration ? { arbitration: c.arbitration } : {}),
    ...(c.workInjury ? { workInjury: c.workInjury } : {}),
    ...(c.followUp ? { followUp: { ...c.followUp, at: inChinaTime(c.followUp.at) } } : {}),
    deadlines: (c.deadlines ?? []).map(toDeadlineView),
    ...(c.overdueAt ? { overdueAt: inChinaTime(c.overdueAt) } : {}),
    ...(c.limitation ? { limitation: c.limitation } : {}),
    ...(c.reopenCount ? { reopenCount: c.reopenCount } : {}),
    version: c.version,
  };
}

/** What a case and its row both begin with: which case, whose, what, where it stands and who has it. */
function caseHeadView(c: CaseRow, unionName: string) {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    unionCode: c.unionCode,
    unionName,
    kind: c.kind,
    kindLabel: REQUEST_KINDS[c.kind],
    channel: c.channel,
    channelLabel: CHANNELS[c.channel],
    category: c.category,
    categoryLabel: CATEGORIES[c.category],
    status: c.status,
    statusLabel: CASE_STATUSES[c.status],
    priority: c.priority,
    route: c.route,
    ...(c.pool ? { pool: c.pool } : {}),
    ...(c.owner ? { owner: { ...c.owner, since: inChinaTime(c.owner.since) } } : {}),
    ...(c.transfer ? { transfer: transferView(c.transfer) } : {}),
  };
}

/** A clock as staff see it: what it is, when it is due, and how it stands. */
export function toDeadlineView(deadline: Deadline) {
  const state = deadline.escalatedAt
    ? 'missed'
    : deadline.metAt
      ? deadline.metAt > deadline.dueAt
        ? 'met_late'
        : 'met'
      : 'running';
  return { ...deadline, ...deadlineTimes(deadline), clockLabel: CLOCKS[deadline.clock], state };
}

export function toCaseSummary(row: CaseLookupRow) {
  return {
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    unionCode: row.unionCode,
    kind: row.kind,
    channel: row.channel,
    category: row.category,
    categoryLabel: CATEGORIES[row.category],
    status: row.status,
    statusLabel: CASE_STATUSES[row.status],
    registeredAt: inChinaTime(row.registeredAt),
    ...(row.outcome ? { outcome: row.outcome } : {}),
  };
}

export function toTimelineEventView(event: TimelineEvent) {
  return {
    eventId: event.eventId,
    at: inChinaTime(event.at),
    type: event.type,
    typeLabel: TIMELINE_EVENT_TYPES[event.type],
    actor: event.actor,
    data: event.data,
  };
}

/** A case in a list, pool or transfer page: what the list indexes project, with Chinese labels; contact details masked. */
export function toCaseRowView(c: CaseRow, directory: Pick<UnionDirectory, 'nameOf'>) {
  return {
    ...caseHeadView(c, directory.nameOf(c.unionCode)),
    complainant: {
      name: c.complainant.nameMasked,
      mobile: c.complainant.mobileMasked,
      migrantWorker: c.complainant.migrantWorker,
      modelWorker: c.complainant.modelWorker,
      womanWorker: c.complainant.womanWorker,
      masked: true as const,
    },
    ...(c.employer ? { employer: c.employer } : {}),
    workersInvolved: c.workersInvolved,
    ...(c.amountClaimedFen !== undefined ? { amountClaimedFen: c.amountClaimedFen } : {}),
    registeredAt: inChinaTime(c.registeredAt),
    ...(c.outcome ? { outcome: c.outcome, outcomeLabel: OUTCOMES[c.outcome] } : {}),
    ...(c.closedAt ? { closedAt: inChinaTime(c.closedAt) } : {}),
    ...(c.overdueAt ? { overdueAt: inChinaTime(c.overdueAt) } : {}),
    ...(c.currentClock
      ? {
          currentClock: {
            clock: c.currentClock.clock,
            clockLabel: CLOCKS[c.currentClock.clock],
            dueAt: inChinaTime(c.currentClock.dueAt),
            state: c.currentClock.missed ? ('missed' as const) : ('running' as const),
          },
        }
      : {}),
  };
}

/** A case as a staff action answers it: never with contact details. */
export function toMaskedCaseView(caseRecord: CaseRecord, directory: Pick<UnionDirectory, 'nameOf'>) {
  return toCaseView({ caseRecord, unionName: directory.nameOf(caseRecord.unionCode) });
}

function transferView(transfer: NonNullable<CaseRecord['transfer']>) {
  return {
    fromUnion: transfer.fromUnion,
    toUnion: transfer.toUnion,
    reason: transfer.reason,
    requestedAt: inChinaTime(transfer.requestedAt),
    requestedBy: transfer.requestedBy,
  };
}
