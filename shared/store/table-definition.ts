/**
 * The single Weiquan table, declared once. The CDK stack, the local bootstrap
 * (DynamoDB Local) and the tests all build the table from this object, so the
 * keys and indexes that run locally are the ones that are deployed.
 *
 * Item shapes (all keys are strings):
 *
 * | item                     | PK                  | SK                         |
 * |--------------------------|---------------------|----------------------------|
 * | union directory entry    | DIRECTORY           | UNION#<divisionCode>       |
 * | working-day calendar     | DIRECTORY           | CALENDAR                   |
 * | daily case-number counter| UNION#<code>        | CASESEQ#<YYYYMMDD>         |
 * | case                     | CASE#<caseId>       | CASE                       |
 * | case's unlisted part     | CASE#<caseId>       | CASE#UNLISTED              |
 * | case contact details     | CASE#<caseId>       | CONTACT                    |
 * | timeline event           | CASE#<caseId>       | EVENT#<at>#<seq>#<eventId> |
 * | outbox message           | CASE#<caseId>       | OUTBOX#<at>#<messageId>    |
 * | case-number reservation  | CASENO#<caseNumber> | CASENO                     |
 * | idempotency marker       | IDEMKEY#<keyHash>   | IDEMKEY                    |
 * | idempotency record (TTL) | IDEMPOTENCY#<fn>    | <hash>  (Powertools)       |
 * | access-code guard (TTL)  | GUARD#<caseNumber>  | GUARD                      |
 * | union monthly figures    | UNION#<code>        | FIGURES#<YYYY-MM>          |
 * | filed monthly report     | UNION#<code>        | FILED#<YYYY-MM>#<revision> |
 * | case active in a month   | ACTIVE#<code>#<YYYY-MM>| CASE#<caseId>           |
 * | employer complaint       | EMPLOYER#<creditCode>| COMPLAINT#<at>#<caseId>   |
 * | early-warning alert      | ALERT#<alertId>     | ALERT                      |
 * | alert in a union's inbox | ALERTS#<unionCode>  | <raisedAt>#<alertId>       |
 * | notification delivery    | DELIVERY#<messageId>| DELIVERY                   |
 * | roster entry (staff)     | ROSTER#<province>   | STAFF#<staffId>            |
 * | staff id's province      | STAFFID#<staffId>   | STAFFID                    |
 *
 * Why the union directory is one partition: it is small (a few thousand unions
 * nationwide at most) and read whole by one Query to resolve regions and
 * subtrees; it changes rarely and is cached per Lambda container.
 *
 * Why contact details are a separate item: the plain phone number and ID
 * number (sensitive personal information under PIPL) must never be copied into
 * an index, and most reads (lists, pools, lookups) must not load them at all.
 * The case item holds only masked forms and a keyed hash of the phone.
 */

export type KeyType = 'S' | 'N';

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** 'KEYS_ONLY' (the table's and the index's keys), or the non-key attributes to project as well (INCLUDE). */
  readonly projection: 'KEYS_ONLY' | readonly string[];
  /** Why this index exists: the access pattern it serves. */
  readonly purpose: string;
}

export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly IndexDefinition[];
  readonly timeToLiveAttribute: string;
}

/**
 * Case list sort key, shared by the list indexes: `<registeredAt in China
 * local time>#<caseId>`. Local time (UTC+8) so that `begins_with(listSk,
 * '2026-11')` selects exactly the cases of a reporting month as the union
 * counts it; the case id breaks ties between cases registered in the same
 * millisecond.
 */
const LIST_SORT_KEY = 'listSk';

/**
 * What the list, pool, transfer and caller look-up indexes project: the case
 * item's `row` map (see case-item.ts), what a case row shows, instead of the
 * whole case. Two reasons, both write units: a row is under 1 KB where the whole case is
 * about 1.7 KB, so each copy a change rewrites costs one unit instead of two;
 * and a change to what no row shows (the version, a follow-up, recorded work
 * that leaves status and clock as they were) rewrites no copy at all. One map
 * rather than its fields: a table may project at most 100 attributes into its
 * indexes in all (20 on DynamoDB Local), and six indexes share this one.
 */
export const CASE_ROW_PROJECTION = ['row'] as const;

export const TABLE: TableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    /*
     * Union hierarchy has three levels (province → city → district). A case
     * carries the union code of each level on its path in `l1Union`,
     * `l2Union`, `l3Union`; a user at level N lists their subtree with one
     * Query on index N, newest first, with no filtering by path. A deeper
     * hierarchy would need one more index per level.
     */
    {
      indexName: 'casesByL1Union',
      partitionKey: 'l1Union',
      sortKey: LIST_SORT_KEY,
      projection: CASE_ROW_PROJECTION,
      purpose: 'cases in a province union subtree, newest first',
    },
    {
      indexName: 'casesByL2Union',
      partitionKey: 'l2Union',
      sortKey: LIST_SORT_KEY,
      projection: CASE_ROW_PROJECTION,
      purpose: 'cases in a city union subtree, newest first',
    },
    {
      indexName: 'casesByL3Union',
      partitionKey: 'l3Union',
      sortKey: LIST_SORT_KEY,
      projection: CASE_ROW_PROJECTION,
      purpose: 'cases of a district union, newest first',
    },
    /*
     * Repeat-caller look-up. The partition key is an HMAC of the phone number
     * (keyed, so the index cannot be reversed by hashing all 11-digit
     * numbers); the plain number is never projected.
     */
    /*
     * The claim pools. A case carries `poolKey` = `<unionCode>#<pool>` only
     * while claimable (sparse), and `poolSk` = `<priority rank>#<registeredAt>
     * #<caseId>`, so one Query returns a union's pool most urgent first, then
     * oldest first.
     */
    {
      indexName: 'casesInPool',
      partitionKey: 'poolKey',
      sortKey: 'poolSk',
      projection: CASE_ROW_PROJECTION,
      purpose: 'claimable cases of a union and pool, by priority then age',
    },
    /* Transfers awaiting the receiving union's answer (sparse: only pending transfers). */
    {
      indexName: 'transfersByTarget',
      partitionKey: 'transferTarget',
      sortKey: LIST_SORT_KEY,
      projection: CASE_ROW_PROJECTION,
      purpose: 'transfers awaiting a union’s acceptance',
    },
    /*
     * Clocks. A case carries `dueProvince` and `dueSk` = `<next due time>
     * #<caseId>` only while a clock runs (sparse), so the sweeper finds every
     * due or overdue case of a province with one Query, `dueSk <= now`, and
     * never scans. Only the keys are projected (the case id is in the
     * table's): the sweeper reads the case itself before acting on it.
     */
    {
      indexName: 'casesByDueTime',
      partitionKey: 'dueProvince',
      sortKey: 'dueSk',
      projection: 'KEYS_ONLY',
      purpose: 'open cases by the due time of their next clock, per province',
    },
    {
      indexName: 'casesByPhoneHash',
      partitionKey: 'phoneHash',
      sortKey: LIST_SORT_KEY,
      projection: CASE_ROW_PROJECTION,
      purpose: 'earlier cases of a caller, by keyed hash of the phone number',
    },
  ],
};

export type IndexName = (typeof TABLE.indexes)[number]['indexName'];

/** An index's projection as DynamoDB's API spells it (CreateTable, and the CloudFormation template). */
export function projectionOf(index: IndexDefinition): { ProjectionType: 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  return index.projection === 'KEYS_ONLY'
    ? { ProjectionType: 'KEYS_ONLY' }
    : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] };
}

/** Attribute definitions for CreateTable: every key attribute is a string. */
export function keyAttributeNames(definition: TableDefinition = TABLE): string[] {
  const names = new Set<string>([definition.partitionKey, definition.sortKey]);
  for (const index of definition.indexes) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names];
}
