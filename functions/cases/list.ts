import { pageCursors } from '../../shared/composition/page-cursors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { listCases } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toCaseRowView } from '../../shared/views/case-views.js';
import { listCasesRoute } from './list.contract.js';

export const handler = httpHandler(listCasesRoute, async ({ caller, query }) => {
  const deps = defaultDependencies();
  const [page, directory] = await Promise.all([listCases({ ...deps, ...pageCursors }, caller, query), deps.unions.directory()]);
  const items = page.items.map((row) => toCaseRowView(row, directory));
  return { body: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
