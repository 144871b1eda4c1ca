import type { RouteContract, Schema } from '../shared/http/contract.js';
import {
  AlertListResponse,
  AlertView,
  CallerLookupResponse,
  CaseListResponse,
  CaseView,
  FeedbackView,
  FiledComplaintView,
  OpenApiDocumentView,
  PoolResponse,
  PublicCaseView,
  RosterResponse,
  StaffView,
  SupplementView,
  TimelineResponse,
  TransfersResponse,
  UnionListResponse,
} from '../shared/schemas/responses.js';
import { FilingReceiptResponse, MonthlyReportResponse, ReportFileResponse } from '../shared/schemas/report-responses.js';
import { acknowledgeAlertRoute } from './alerts/acknowledge.contract.js';
import { listAlertsRoute } from './alerts/list.contract.js';
import { lookupCallerRoute } from './callers/lookup.contract.js';
import { assignCaseRoute } from './dispatch/assign.contract.js';
import { claimCaseRoute } from './dispatch/claim.contract.js';
import { getPoolRoute } from './dispatch/pool.contract.js';
import { releaseCaseRoute } from './dispatch/release.contract.js';
import { acceptTransferRoute } from './dispatch/transfer-accept.contract.js';
import { rejectTransferRoute } from './dispatch/transfer-reject.contract.js';
import { transferCaseRoute } from './dispatch/transfer.contract.js';
import { listTransfersRoute } from './dispatch/transfers.contract.js';
import { getStaffRoute } from './staff/get.contract.js';
import { listStaffRoute } from './staff/list.contract.js';
import { putStaffRoute } from './staff/put.contract.js';
import { getCaseRoute } from './cases/get.contract.js';
import { listCasesRoute } from './cases/list.contract.js';
import { registerCaseRoute } from './cases/register.contract.js';
import { getCaseTimelineRoute } from './cases/timeline.contract.js';
import { getOpenApiRoute } from './docs/openapi.contract.js';
import { closeCaseRoute } from './lifecycle/close.contract.js';
import { followUpCaseRoute } from './lifecycle/followup.contract.js';
import { logHotlineCallRoute } from './lifecycle/call.contract.js';
import { reopenCaseRoute } from './lifecycle/reopen.contract.js';
import { addCaseWorkRoute } from './lifecycle/work.contract.js';
import { givePublicFeedbackRoute } from './public/feedback.contract.js';
import { fileComplaintRoute } from './public/file.contract.js';
import { getPublicComplaintRoute } from './public/status.contract.js';
import { addPublicSupplementRoute } from './public/supplement.contract.js';
import { exportMonthlyReportRoute } from './reports/export.contract.js';
import { fileMonthlyReportRoute } from './reports/file.contract.js';
import { getMonthlyReportRoute } from './reports/monthly.contract.js';
import { listUnionsRoute } from './unions/list.contract.js';

/**
 * The one route table. The CDK stack (a Lambda, an API method and its grants
 * per entry), the local dev server, the OpenAPI generator and the
 * authorization test matrix all read this list; nothing else lists routes.
 */
export interface RouteEntry {
  readonly contract: RouteContract;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** Schema of the success body (documentation and tests; handlers never load it). */
  readonly response: Schema;
}

export const ROUTES: readonly RouteEntry[] = [
  { contract: registerCaseRoute, entry: 'functions/cases/register.ts', response: CaseView },
  { contract: listCasesRoute, entry: 'functions/cases/list.ts', response: CaseListResponse },
  { contract: getCaseRoute, entry: 'functions/cases/get.ts', response: CaseView },
  { contract: getCaseTimelineRoute, entry: 'functions/cases/timeline.ts', response: TimelineResponse },
  { contract: lookupCallerRoute, entry: 'functions/callers/lookup.ts', response: CallerLookupResponse },
  { contract: listStaffRoute, entry: 'functions/staff/list.ts', response: RosterResponse },
  { contract: getStaffRoute, entry: 'functions/staff/get.ts', response: StaffView },
  { contract: putStaffRoute, entry: 'functions/staff/put.ts', response: StaffView },
  { contract: getPoolRoute, entry: 'functions/dispatch/pool.ts', response: PoolResponse },
  { contract: claimCaseRoute, entry: 'functions/dispatch/claim.ts', response: CaseView },
  { contract: releaseCaseRoute, entry: 'functions/dispatch/release.ts', response: CaseView },
  { contract: assignCaseRoute, entry: 'functions/dispatch/assign.ts', response: CaseView },
  { contract: transferCaseRoute, entry: 'functions/dispatch/transfer.ts', response: CaseView },
  { contract: acceptTransferRoute, entry: 'functions/dispatch/transfer-accept.ts', response: CaseView },
  { contract: rejectTransferRoute, entry: 'functions/dispatch/transfer-reject.ts', response: CaseView },
  { contract: listTransfersRoute, entry: 'functions/dispatch/transfers.ts', response: TransfersResponse },
  { contract: addCaseWorkRoute, entry: 'functions/lifecycle/work.ts', response: CaseView },
  { contract: closeCaseRoute, entry: 'functions/lifecycle/close.ts', response: CaseView },
  { contract: followUpCaseRoute, entry: 'functions/lifecycle/followup.ts', response: CaseView },
  { contract: reopenCaseRoute, entry: 'functions/lifecycle/reopen.ts', response: CaseView },
  { contract: logHotlineCallRoute, entry: 'functions/lifecycle/call.ts', response: CaseView },
  { contract: listAlertsRoute, entry: 'functions/alerts/list.ts', response: AlertListResponse },
  { contract: acknowledgeAlertRoute, entry: 'functions/alerts/acknowledge.ts', response: AlertView },
  { contract: fileComplaintRoute, entry: 'functions/public/file.ts', response: FiledComplaintView },
  { contract: getPublicComplaintRoute, entry: 'functions/public/status.ts', response: PublicCaseView },
  { contract: addPublicSupplementRoute, entry: 'functions/public/supplement.ts', response: SupplementView },
  { contract: givePublicFeedbackRoute, entry: 'functions/public/feedback.ts', response: FeedbackView },
  { contract: getOpenApiRoute, entry: 'functions/docs/openapi.ts', response: OpenApiDocumentView },
  { contract: getMonthlyReportRoute, entry: 'functions/reports/monthly.ts', response: MonthlyReportResponse },
  { contract: exportMonthlyReportRoute, entry: 'functions/reports/export.ts', response: ReportFileResponse },
  { contract: fileMonthlyReportRoute, entry: 'functions/reports/file.ts', response: FilingReceiptResponse },
  { contract: listUnionsRoute, entry: 'functions/unions/list.ts', response: UnionListResponse },
];
