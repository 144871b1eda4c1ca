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
 * A case action's write units go half to the index copies of the case item.
 * Each copy is the case's row only (see CASE_ROW_PROJECTION), under 1 KB: one
 * unit, two inside the transaction, where a copy of the whole case was two
 * (four). The case's calls, supplements and rating live in an item of their
 * own (see CaseRepository), so `logHotlineCall`, `addPublicSupplement` and
 * `givePublicFeedback` rewrite no copy (22, 26 and 26 write units before).
 */
export interface CapacityBudget {
  readonly read: number;
  readonly write: number;
}

export const CAPACITY_BUDGETS: Readonly<Record<string, CapacityBudget>> = {
  registerCase: { read: 1, write: 21 }, // measured 0.5 / 19 (27 before the lean index copies)
  listCases: { read: 1, write: 0 }, // measured 0.5 / 0
  getCase: { read: 1, write: 4 }, // measured 1 / 2
  getCaseTimeline: { read: 1, write: 0 }, // measured 1 / 0
  lookupCaller: { read: 1, write: 0 }, // measured 0.5 / 0
  listStaff: { read: 1, write: 0 }, // measured 0.5 / 0
  getStaff: { read: 1, write: 0 }, // measured 1 / 0
  putStaff: { read: 2, write: 4 }, // measured 2 / 2
  getPool: { read: 2, write: 0 }, // measured 1.5 / 0
  claimCase: { read: 2, write: 24 }, // measured 1.5 / 22 (28 before the lean index copies)
  releaseCase: { read: 1, write: 24 }, // measured 0.5 / 22 (28 before the lean index copies)
  assignCase: { read: 2, write: 22 }, // measured 1.5 / 20 (28 before the lean index copies)
  transferCase: { read: 1, write: 22 }, // measured 0.5 / 20 (28 before the lean index copies)
  acceptTransfer: { read: 1, write: 22 }, // measured 0.5 / 20 (32 before the lean index copies)
  rejectTransfer: { read: 1, write: 20 }, // measured 0.5 / 18 (28 before the lean index copies)
  listTransfers: { read: 2, write: 0 }, // measured 2 / 0
  addCaseWork: { read: 1, write: 22 }, // measured 0.5 / 20 (24 before the lean index copies)
  closeCase: { read: 1, write: 20 }, // measured 0.5 / 18 (22 before the lean index copies)
  followUpCase: { read: 1, write: 16 }, // measured 0.5 / 14 (20 before the lean index copies)
  reopenCase: { read: 1, write: 22 }, // measured 0.5 / 20 (36 before the lean index copies)
  logHotlineCall: { read: 1, write: 4 }, // measured 0.5 / 2
  listAlerts: { read: 1, write: 0 }, // measured 0 / 0
  acknowledgeAlert: { read: 1, write: 3 }, // measured 0.5 / 1
  fileComplaint: { read: 1, write: 21 }, // measured 0 / 19 (27 before the lean index copies)
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
