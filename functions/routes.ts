import * as z from 'zod/mini';
import type { RouteContract, Schema } from '../shared/http/contract.js';
import {
  CallerLookupResponse,
  CaseListResponse,
  CaseView,
  FeedbackView,
  FiledComplaintView,
  PublicCaseView,
  SupplementView,
  TimelineResponse,
} from '../shared/schemas/responses.js';
import { lookupCallerRoute } from './callers/lookup.contract.js';
import { getCaseRoute } from './cases/get.contract.js';
import { listCasesRoute } from './cases/list.contract.js';
import { registerCaseRoute } from './cases/register.contract.js';
import { getCaseTimelineRoute } from './cases/timeline.contract.js';
import { getOpenApiRoute } from './docs/openapi.contract.js';
import { givePublicFeedbackRoute } from './public/feedback.contract.js';
import { fileComplaintRoute } from './public/file.contract.js';
import { getPublicComplaintRoute } from './public/status.contract.js';
import { addPublicSupplementRoute } from './public/supplement.contract.js';

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
  { contract: fileComplaintRoute, entry: 'functions/public/file.ts', response: FiledComplaintView },
  { contract: getPublicComplaintRoute, entry: 'functions/public/status.ts', response: PublicCaseView },
  { contract: addPublicSupplementRoute, entry: 'functions/public/supplement.ts', response: SupplementView },
  { contract: givePublicFeedbackRoute, entry: 'functions/public/feedback.ts', response: FeedbackView },
  { contract: getOpenApiRoute, entry: 'functions/docs/openapi.ts', response: z.record(z.string(), z.unknown()) },
];
