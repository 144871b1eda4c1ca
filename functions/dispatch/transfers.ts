import { httpHandler } from '../../shared/http/handler.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { pendingTransfers } from '../../shared/usecases/dispatch.js';
import { toCaseRowView } from '../../shared/views/case-views.js';
import { listTransfersRoute } from './transfers.contract.js';

export const handler = httpHandler(listTransfersRoute, async ({ caller }) => {
  const deps = defaultDependencies();
  const [{ incoming, outgoing }, directory] = await Promise.all([pendingTransfers(deps, caller), deps.unions.directory()]);
  const view = (row: (typeof incoming)[number]) => toCaseRowView(row, directory);
  return { body: { incoming: incoming.map(view), outgoing: outgoing.map(view) } };
});
