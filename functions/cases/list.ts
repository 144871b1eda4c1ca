import { httpHandler } from '../../shared/http/handler.js';
import { cursorKey } from '../../shared/security/cursor-key.js';
import { listCases } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/usecases/dependencies.js';
import { toCaseView } from '../../shared/views/case-views.js';
import { listCasesRoute } from './list.contract.js';

export const handler = httpHandler(listCasesRoute, async ({ caller, query }) => {
  const page = await listCases({ ...defaultDependencies(), cursorKey }, caller, query);
  return { body: { items: page.items.map(toCaseView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
});
