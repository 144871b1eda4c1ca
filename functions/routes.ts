import type { RouteContract } from '../shared/http/contract.js';
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
}

export const ROUTES: readonly RouteEntry[] = [
  { contract: registerCaseRoute, entry: 'functions/cases/register.ts' },
  { contract: listCasesRoute, entry: 'functions/cases/list.ts' },
  { contract: getCaseRoute, entry: 'functions/cases/get.ts' },
  { contract: getCaseTimelineRoute, entry: 'functions/cases/timeline.ts' },
  { contract: lookupCallerRoute, entry: 'functions/callers/lookup.ts' },
  { contract: fileComplaintRoute, entry: 'functions/public/file.ts' },
  { contract: getPublicComplaintRoute, entry: 'functions/public/status.ts' },
  { contract: addPublicSupplementRoute, entry: 'functions/public/supplement.ts' },
  { contract: givePublicFeedbackRoute, entry: 'functions/public/feedback.ts' },
  { contract: getOpenApiRoute, entry: 'functions/docs/openapi.ts' },
];
