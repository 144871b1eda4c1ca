import { pageCursors } from '../../shared/composition/page-cursors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { listCases } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toCaseView } from '../../shared/views/case-views.js';
import { listCasesRoute } from './list.contract.js';

export const handler = httpHandler(listCasesRoute, async ({ caller, query }) => {
  const page = await listCases({ ...defaultDependencies(), ...pageCursors }, caller, query);
  return { body: { items: page.items.map(toCaseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
