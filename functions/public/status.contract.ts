import { defineRoute } from '../../shared/http/contract.js';
import { AccessCodeHeaders, CaseNumberParams } from '../../shared/schemas/public.js';

/** DynamoDB use shared by the routes that open a case with its access code (see openCase). */
export const OPEN_CASE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;
/** A complainant's change to their case: it writes one of the case's two items and checks the other (see CaseRepository). */
export const CHANGE_OWN_CASE_ACTIONS = [...OPEN_CASE_ACTIONS, 'dynamodb:ConditionCheckItem'] as const;

export const getPublicComplaintRoute = defineRoute({
  name: 'getPublicComplaint',
  method: 'GET',
  path: '/public/complaints/{caseNumber}',
  summary: 'Follow your complaint: status, next step and what has happened',
  description:
    'Needs the access code in the `X-Access-Code` header. An unknown case number and a wrong code get the same 404; ' +
    'a client (source address) gets 10 wrong codes per 15 minutes, a case number 1,000 from everyone together; ' +
    'beyond either, attempts are refused unchecked (429 with Retry-After) until the window ends.',
  tags: ['public'],
  access: { public: true },
  request: { params: CaseNumberParams, headers: AccessCodeHeaders },
  response: { status: 200, description: 'The case as its complainant sees it.' },
  errors: [400, 404, 429],
  data: { actions: OPEN_CASE_ACTIONS, indexes: [] },
});
