import { httpHandler } from '../../shared/http/handler.js';
import { getCase } from '../../shared/usecases/cases.js';
import { defaultDependencies } from '../../shared/composition/staff-api.js';
import { toCaseView } from '../../shared/views/case-views.js';
import { getCaseRoute } from './get.contract.js';

export const handler = httpHandler(getCaseRoute, async ({ caller, params }) => ({
  body: toCaseView(await getCase(defaultDependencies(), caller, params.caseId)),
}));
