/**
 * What each route may cost in DynamoDB request units per request (read and
 * write units as DynamoDB counts them: a read unit per 4 KB read strongly,
 * half for an eventually consistent read; a write unit per 1 KB written,
 * twice inside a transaction). Measured by `test/e2e/capacity-budget.test.ts`
 * from each request's log line, which fails when a route grows past its
 * budget: raising one is a decision, with the reason in the commit. Each
 * budget is what was measured on DynamoDB Local (2026-12), reads rounded up
 * to a whole unit, writes with two units to spare (one more KB inside a
 * transaction). Every route has one; the test says which lacks it.
 *
 * A case action's write units go mostly to the index copies of the case item
 * (three list indexes and the pool, each projecting the whole case), not to
 * the items written: the case's calls, supplements and rating live in an item
 * of their own (see CaseRepository), so `logHotlineCall`,
 * `addPublicSupplement` and `givePublicFeedback` no longer rewrite those
 * copies (22, 26 and 26 write units before).
 */
export interface CapacityBudget {
  readonly read: number;
  readonly write: number;
}

export const CAPACITY_BUDGETS: Readonly<Record<string, CapacityBudget>> = {
  registerCase: { read: 1, write: 29 }, // measured 0.5 / 27
  listCases: { read: 1, write: 0 }, // measured 0.5 / 0
  getCase: { read: 1, write: 4 }, // measured 1 / 2
  getCaseTimeline: { read: 1, write: 0 }, // measured 1 / 0
  lookupCaller: { read: 1, write: 0 }, // measured 0.5 / 0
  listStaff: { read: 1, write: 0 }, // measured 0.5 / 0
  getStaff: { read: 1, write: 0 }, // measured 1 / 0
  putStaff: { read: 2, write: 4 }, // measured 2 / 2
  getPool: { read: 2, write: 0 }, // measured 1.5 / 0
  claimCase: { read: 2, write: 30 }, // measured 1.5 / 28
  releaseCase: { read: 1, write: 30 }, // measured 0.5 / 28
  assignCase: { read: 2, write: 30 }, // measured 1.5 / 28
  transferCase: { read: 1, write: 30 }, // measured 0.5 / 28
  acceptTransfer: { read: 1, write: 34 }, // measured 0.5 / 32
  rejectTransfer: { read: 1, write: 30 }, // measured 0.5 / 28
  listTransfers: { read: 2, write: 0 }, // measured 2 / 0
  addCaseWork: { read: 1, write: 26 }, // measured 0.5 / 24
  closeCase: { read: 1, write: 24 }, // measured 0.5 / 22
  followUpCase: { read: 1, write: 22 }, // measured 0.5 / 20
  reopenCase: { read: 1, write: 38 }, // measured 0.5 / 36
  logHotlineCall: { read: 1, write: 4 }, // measured 0.5 / 2
  listAlerts: { read: 1, write: 0 }, // measured 0 / 0
  acknowledgeAlert: { read: 1, write: 3 }, // measured 0.5 / 1
  fileComplaint: { read: 1, write: 29 }, // measured 0 / 27
  getPublicComplaint: { read: 2, write: 6 }, // measured 1.5 / 4
  addPublicSupplement: { read: 1, write: 8 }, // measured 1 / 6
  givePublicFeedback: { read: 1, write: 8 }, // measured 1 / 6
  getOpenApi: { read: 1, write: 0 }, // measured 0 / 0
  // Shenyang's report: 14 unions × 8 counter shards read at 0.5 each, and the filing looked up. DynamoDB charges a
  // missing item too; DynamoDB Local does not, so it measures less, by how many shards this run's cases reached.
  getMonthlyReport: { read: 57, write: 0 },
  exportMonthlyReport: { read: 57, write: 0 }, // the same report's reads, served as a file
  fileMonthlyReport: { read: 1, write: 4 }, // measured 0 / 2
  listUnions: { read: 1, write: 0 }, // measured 0 / 0
};
