import * as z from 'zod/mini';
import { ROUTES, type RouteEntry } from '../../functions/routes.js';
import { DEMO_USERS, type DemoUser } from '../../scripts/local/demo-data.js';
import { allowedRoles, isPublic, type RouteContract } from '../../shared/http/contract.js';
import { complaint, demo } from './fixtures.js';
import type { LocalApi } from './local-api.js';

/**
 * The documented request examples of the route table, and the resources they
 * act on, made as their users would make them. Shared by the tests that send
 * every route its own example (the route table's, the declared-actions one).
 */

/** A concrete path for a template: parameters get a well-formed (absent) UUID. */
export function concretePath(template: string): string {
  return template.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
}

export interface RouteExample {
  readonly route: string;
  readonly contract: RouteContract;
  readonly responseSchema: RouteEntry['response'];
  readonly example: unknown;
}

/** Every route with a request body, with the first example its body schema documents. */
export const ROUTE_EXAMPLES: readonly RouteExample[] = ROUTES.filter(({ contract }) => contract.request.body).map(
  ({ contract, response }) => ({
    route: `${contract.method} ${contract.path}`,
    contract,
    responseSchema: response,
    example: (z.globalRegistry.get(contract.request.body as z.core.$ZodType)?.examples as unknown[] | undefined)?.[0],
  }),
);

/** A demo user the route lets in (none for public routes). */
export function userAllowedOn(contract: RouteContract): DemoUser | undefined {
  return isPublic(contract.access)
    ? undefined
    : DEMO_USERS.find((candidate) => allowedRoles(contract.access).includes(candidate.role));
}

/**
 * Where an example needs a resource to act on, make one as its users would:
 * a complaint filed online (closed, for feedback) for the complainant's routes.
 */
export async function exampleTarget(
  api: LocalApi,
  contract: RouteContract,
): Promise<{ path: string; headers: Record<string, string> }> {
  if (contract.path.includes('{caseId}'))
    return { path: contract.path.replace('{caseId}', await caseReadyFor(api, contract.name)), headers: {} };
  if (!contract.path.includes('{caseNumber}')) return { path: concretePath(contract.path), headers: {} };
  const fileRoute = ROUTE_EXAMPLES.find((candidate) => candidate.contract.name === 'fileComplaint')!;
  const filed = await api.request('POST', '/public/complaints', { body: fileRoute.example });
  if (contract.name === 'givePublicFeedback') await api.closeCase(filed.body.caseNumber);
  return {
    path: contract.path.replace('{caseNumber}', filed.body.caseNumber),
    headers: { 'x-access-code': filed.body.accessCode },
  };
}

/** A hotline case in 和平区 in the state the route acts on (a work injury: the lawyer pool). */
export async function caseReadyFor(api: LocalApi, routeName: string): Promise<string> {
  const injury = { ...complaint(), category: 'work_injury' };
  if (routeName === 'rejectTransfer' || routeName === 'acceptTransfer') {
    // A case of 沈河区 that the city sends to 和平区, whose legal department answers it.
    const created = await api.request('POST', '/cases', { user: demo('op-shenhe'), body: { ...injury, regionCode: '210103' } });
    await api.request('POST', `/cases/${created.body.caseId}/transfer`, {
      user: demo('admin-shenyang'),
      body: { toUnion: '210102', reason: '用工地在和平区' },
    });
    return created.body.caseId;
  }
  const created = await api.request('POST', '/cases', { user: demo('op-heping'), body: injury });
  const caseId = created.body.caseId;
  const lawyer = { user: demo('lawyer-heping') };
  if (['releaseCase', 'addCaseWork', 'closeCase', 'followUpCase', 'reopenCase'].includes(routeName))
    await api.request('POST', `/cases/${caseId}/claim`, lawyer);
  if (['followUpCase', 'reopenCase'].includes(routeName))
    await api.request('POST', `/cases/${caseId}/close`, { ...lawyer, body: { outcome: 'advice_given', summary: '已答复' } });
  return caseId;
}
