import { chinaLocalIso } from '../domain/china-time.js';
import { PRIORITIES, type Priority } from '../domain/triage.js';

/**
 * Key builders: the only place key shapes are spelled out (see the item table
 * in table-definition.ts). Prefixes keep item kinds apart inside a partition.
 */
export const keys = {
  unionDirectory: () => ({ PK: 'DIRECTORY' }),
  union: (code: string) => ({ PK: 'DIRECTORY', SK: `UNION#${code}` }),
  /** The working-day calendar lives with the directory: read by the same one Query, cached with it. */
  holidayCalendar: () => ({ PK: 'DIRECTORY', SK: 'CALENDAR' }),
  caseSequence: (unionCode: string, localDate: string) => ({
    PK: `UNION#${unionCode}`,
    SK: `CASESEQ#${localDate.replaceAll('-', '')}`,
  }),
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' }),
  /** The case id in the partition key of any of a case's items (and so of every index copy of its case item). */
  caseIdOf: (partitionKey: string) => partitionKey.slice('CASE#'.length),
  /**
   * The part of a case that no list shows and that changes on its own (see
   * case-repository.ts, UNLISTED_FIELDS): kept off the case item, so logging a
   * call, a supplement or a rating does not rewrite the case's copies in the
   * list, pool and transfer indexes. `CASE#` sorts right after `CASE`, so one
   * Query (`begins_with(SK, 'CASE')`) reads both.
   */
  caseUnlisted: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE#UNLISTED' }),
  /** Sort-key prefix shared by a case item and its unlisted part, and by no other item of the case's partition. */
  casePartsPrefix: 'CASE',
  contact: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CONTACT' }),
  /**
   * `at` is ISO UTC and `seq` zero-padded, so events sort in the order they
   * happened (events written together share `at` and differ in `seq`); the
   * event id keeps events written separately in the same millisecond apart.
   */
  event: (caseId: string, at: string, seq: number, eventId: string) => ({
    PK: `CASE#${caseId}`,
    SK: `EVENT#${at}#${String(seq).padStart(3, '0')}#${eventId}`,
  }),
  outbox: (caseId: string, createdAt: string, messageId: string) => ({
    PK: `CASE#${caseId}`,
    SK: `OUTBOX#${createdAt}#${messageId}`,
  }),
  /** Permanent record that an Idempotency-Key created a case (keyed by a hash of the key). */
  idempotencyMarker: (keyHash: string) => ({ PK: `IDEMKEY#${keyHash}`, SK: 'IDEMKEY' }),
  /** Access-code attempts against one case number, existing or not (see public-access-repository). */
  publicGuard: (caseNumber: string) => ({ PK: `GUARD#${caseNumber}`, SK: 'GUARD' }),
  /**
   * Access-code attempts from one client (source address). `CLIENT#` cannot
   * begin a case number, so the two kinds of guard never share a key.
   */
  clientGuard: (sourceAddress: string) => ({ PK: `GUARD#CLIENT#${sourceAddress}`, SK: 'GUARD' }),
  /**
   * A lawyer's or mediator's roster entry. One partition per province: a
   * legal department lists its subtree's staff with one Query, and staff are
   * only ever seen within their own province.
   */
  staff: (provinceCode: string, staffId: string) => ({ PK: `ROSTER#${provinceCode}`, SK: `STAFF#${staffId}` }),
  rosterPrefix: 'STAFF#',
  /**
   * Which province's roster a staff id is on. Roster entries are partitioned
   * by province, so nothing else stops two provinces from each adding the same
   * person; this item, written in the same transaction as the entry, makes a
   * staff id belong to one province (and within it, to one entry).
   */
  staffHome: (staffId: string) => ({ PK: `STAFFID#${staffId}`, SK: 'STAFFID' }),
  /**
   * One shard of a union's own figures for one month (its own cases, not its
   * subtree's), maintained in the transactions that move them. The figures
   * are spread over FIGURE_SHARDS items by case, so a burst of filings in one
   * union (a collective dispute) does not make every transaction contend for
   * one item; a report reads and adds up all the shards.
   */
  monthlyFigures: (unionCode: string, month: string, shard: number) => ({
    PK: `UNION#${unionCode}`,
    SK: `FIGURES#${month}#${String(shard).padStart(2, '0')}`,
  }),
  /**
   * The monthly reconciliation's activity index: a case that contributes to a
   * union's figures of a month (see figures.ts, contributionsOf) has this item,
   * written in the transaction that made it contribute. One partition per
   * union-month, so the reconciliation reads a month's cases with one Query
   * per union and never touches the cases of other months.
   */
  caseActivity: (unionCode: string, month: string, caseId: string) => ({
    PK: `ACTIVE#${unionCode}#${month}`,
    SK: `CASE#${caseId}`,
  }),
  /** A filing of a union's monthly report: the figures as filed, revision by revision (never overwritten). */
  reportFiling: (unionCode: string, month: string, revision: number) => ({
    PK: `UNION#${unionCode}`,
    SK: `FILED#${month}#${String(revision).padStart(3, '0')}`,
  }),
  reportFilingPrefix: (month: string) => `FILED#${month}#`,
  eventPrefix: 'EVENT#',
  /**
   * An employer's wage-arrears complaints, by time: one partition per
   * employer (unified social credit code), so the early warning counts a
   * window with one Query, across every union.
   */
  employerComplaint: (creditCode: string, registeredAt: string, caseId: string) => ({
    PK: `EMPLOYER#${creditCode}`,
    SK: `COMPLAINT#${registeredAt}#${caseId}`,
  }),
  employerComplaintPrefix: 'COMPLAINT#',
  /** The employer's current alert, if any: concurrent complaints join one alert instead of raising two. */
  employerAlert: (creditCode: string) => ({ PK: `EMPLOYER#${creditCode}`, SK: 'ALERT' }),
  alert: (alertId: string) => ({ PK: `ALERT#${alertId}`, SK: 'ALERT' }),
  /** One legal department's list of alerts. */
  alertInboxPartition: (unionCode: string) => `ALERTS#${unionCode}`,
  /** An alert in one legal department's list (newest first), with that department's acknowledgement. */
  alertInbox: (unionCode: string, raisedAt: string, alertId: string) => ({
    PK: keys.alertInboxPartition(unionCode),
    SK: `${raisedAt}#${alertId}`,
  }),
  /** Marks a notification as sent, so a redelivered stream record does not send it twice. */
  delivery: (messageId: string) => ({ PK: `DELIVERY#${messageId}`, SK: 'DELIVERY' }),
  caseNumber: (caseNumber: string) => ({ PK: `CASENO#${caseNumber}`, SK: 'CASENO' }),
} as const;

/** How many items hold one union-month's figures. */
export const FIGURE_SHARDS = 8;

/** The shard a case's figures go to: fixed per case, spread evenly over cases. */
export function figureShardOf(caseId: string): number {
  let hash = 0;
  for (const char of caseId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % FIGURE_SHARDS;
}

/**
 * Due-time index attributes, present only while a clock runs on an open case
 * (sparse). Partitioned by province so no one partition takes every case's
 * writes; the sweeper queries each province for `dueSk <= now`.
 */
export function dueIndexAttributes(caseRecord: { unionPath: readonly string[]; caseId: string }, dueAt: string | undefined) {
  if (!dueAt) return {};
  return { dueProvince: caseRecord.unionPath[0]!, dueSk: `${dueAt}#${caseRecord.caseId}` };
}

/** Sort key of the case list indexes (see table-definition.ts for why local time). */
export function listSortKey(registeredAt: string, caseId: string): string {
  return `${chinaLocalIso(new Date(registeredAt)).slice(0, 23)}#${caseId}`;
}

/** Pool index attributes, present only while a case is claimable (see table-definition.ts). */
export function poolIndexAttributes(caseRecord: {
  status: string;
  pool?: string;
  unionCode: string;
  priority: Priority;
  registeredAt: string;
  caseId: string;
}): Record<string, string> {
  if (caseRecord.status !== 'in_pool' || !caseRecord.pool) return {};
  return {
    poolKey: poolKey(caseRecord.unionCode, caseRecord.pool),
    poolSk: `${PRIORITIES[caseRecord.priority]}#${caseRecord.registeredAt}#${caseRecord.caseId}`,
  };
}

export function poolKey(unionCode: string, pool: string): string {
  return `${unionCode}#${pool}`;
}

/** The list index and its partition attribute for a union at hierarchy level 1–3. */
export function listIndexFor(level: 1 | 2 | 3) {
  return {
    indexName: `casesByL${level}Union` as const,
    partitionAttribute: `l${level}Union` as const,
  };
}

/** `l1Union`, `l2Union`, `l3Union` for a case whose union path is `path`. */
export function listIndexAttributes(path: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  path.slice(0, 3).forEach((code, depth) => {
    attributes[listIndexFor((depth + 1) as 1 | 2 | 3).partitionAttribute] = code;
  });
  return attributes;
}
