import { caseActionRoute } from '../case-action-route.js';
import { ReasonBody } from '../../shared/schemas/dispatch.js';

export const releaseCaseRoute = caseActionRoute({
  name: 'releaseCase',
  action: 'release',
  path: 'release',
  summary: 'Give a case back to the pool, with a reason',
  description: 'Only the owner can release; the case returns to the pool it came from (or to the legal department).',
  tags: ['dispatch'],
  body: ReasonBody,
});
