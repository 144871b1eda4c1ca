import { defineRoute } from '../../shared/http/contract.js';
import { FileReportParams } from '../../shared/schemas/reports.js';

export const fileMonthlyReportRoute = defineRoute({
  name: 'fileMonthlyReport',
  method: 'POST',
  path: '/reports/{union}/{month}/file',
  summary: 'File a finished month’s report: lock its figures as the next revision',
  description:
    'Locks the union subtree’s current figures for the month as revision n+1 (who filed, when). A correction is a new ' +
    'revision, never an overwrite; the answer shows the difference from the previous one. Only a month that has ended ' +
    '(China time) can be filed.',
  tags: ['reports'],
  access: { roles: ['legal_admin'] },
  request: { params: FileReportParams },
  response: { status: 201, description: 'The filed revision.' },
  errors: [400, 404, 409, 422],
  data: { actions: ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'], indexes: [] },
});
