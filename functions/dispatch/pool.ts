import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { poolFor } from '../../shared/usecases/dispatch.js';
import { toCaseRowView } from '../../shared/views/case-views.js';
import { getPoolRoute } from './pool.contract.js';

export const handler = httpHandler(getPoolRoute, async ({ caller }) => {
  const deps = defaultDependencies();
  const [cases, directory] = await Promise.all([poolFor(deps, caller), deps.unions.directory()]);
  return { body: { items: cases.map((row) => toCaseRowView(row, directory)) } };
});
