import { caseActionRoute } from '../case-action-route.js';
import { TransferBody } from '../../shared/schemas/dispatch.js';

export const transferCaseRoute = caseActionRoute({
  name: 'transferCase',
  action: 'transfer',
  path: 'transfer',
  summary: 'Transfer a case to another union (转交)',
  description:
    'The case becomes pending for the receiving union; until it accepts, the sending union stays accountable and both see the case. The case number never changes.',
  tags: ['dispatch'],
  body: TransferBody,
  errors: [422],
});
