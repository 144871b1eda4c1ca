import { httpHandler } from '../../shared/http/handler.js';
import { rosterDependencies } from '../../shared/composition/roster.js';
import { listUnions } from '../../shared/usecases/unions.js';
import { listUnionsRoute } from './list.contract.js';

export const handler = httpHandler(listUnionsRoute, async () => ({ body: { items: await listUnions(rosterDependencies()) } }));
