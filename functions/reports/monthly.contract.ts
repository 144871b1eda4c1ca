import { defineRoute } from '../../shared/http/contract.js';
import { MonthlyReportQuery } from '../../shared/schemas/reports.js';

export const getMonthlyReportRoute = defineRoute({
  name: 'getMonthlyReport',
  method: 'GET',
  path: '/reports/monthly',
  summary: 'Monthly report of your union or one below it, rolled up the hierarchy',
  description:
    'For each month from `month` to `to` (at most 12, none in the future, China time): the union’s own figures, its ' +
    'subtree’s roll-up, each child union’s roll-up, derived rates, and the latest filing with the difference since. ' +
    '`union` defaults to your own. `GET /reports/monthly/export` serves the same figures as a CSV or XLSX file. Reads ' +
    'pre-aggregated counters only: the cost does not depend on the number of cases.',
  tags: ['reports'],
  access: { roles: ['legal_admin'] },
  request: { query: MonthlyReportQuery },
  response: { status: 200, description: 'The report.' },
  errors: [400, 404],
  data: { actions: ['dynamodb:Query', 'dynamodb:BatchGetItem'], indexes: [] },
});
