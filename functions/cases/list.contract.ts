import { defineRoute } from '../../shared/http/contract.js';
import { ListCasesQuery } from '../../shared/schemas/case.js';

export const listCasesRoute = defineRoute({
  name: 'listCases',
  method: 'GET',
  path: '/cases',
  summary: 'List the cases of your union’s subtree, newest first',
  description:
    'Filters combine (status, category, kind, month `YYYY-MM` in China time, `overdue=true` for cases that missed a ' +
    'clock the union answers for). Pages hold up to `limit` cases ' +
    '(default 25); pass `nextCursor` back as `cursor` for the next page, with the same filters (`limit` may ' +
    'change): a cursor from another query, or an edited one, is refused with 400 `INVALID_CURSOR`.',
  tags: ['cases'],
  access: { roles: ['operator', 'lawyer', 'mediator', 'legal_admin'] },
  request: { query: ListCasesQuery },
  response: { status: 200, description: 'One page of cases.' },
  errors: [400],
  data: {
    actions: ['dynamodb:Query'],
    indexes: ['casesByL1Union', 'casesByL2Union', 'casesByL3Union'],
    cursorKey: true,
  },
});
