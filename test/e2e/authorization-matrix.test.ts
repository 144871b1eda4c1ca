import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { handler as raiseEarlyWarnings } from '../../functions/streams/early-warning.js';
import { signLocalToken } from '../../scripts/local/auth.js';
import { DEMO_ROSTER, DEMO_UNIONS, type DemoUser } from '../../scripts/local/demo-data.js';
import { ID_TOKEN_TTL_SECONDS, demoClaims } from '../../scripts/local/oidc-settings.js';
import { creditCodeCheckCharacter } from '../../shared/domain/identifiers.js';
import { ROLES, type Role } from '../../shared/domain/roles.js';
import { allowedRoles, isPublic, type RouteContract } from '../../shared/http/contract.js';
import { caseFieldsOf } from '../../shared/store/case-item.js';
import { complaint, demo } from '../support/fixtures.js';
import { forgedToken } from '../support/forged-token.js';
import { startLocalApi, type ApiResponse, type LocalApi } from '../support/local-api.js';
import { LONG_RUNS } from '../support/long-runs.js';
import { streamRecords } from '../support/stream.js';

/**
 * The authorization matrix (issue 12, evidence 1), generated from the route
 * table: every route × every role × where the target lies relative to the
 * caller's union × the state of the token → the status declared in EXPECTED.
 * A route without an entry fails, so a new route cannot slip in unchecked.
 *
 * The callers work for 沈阳市总工会 (210100), the one demo union with a
 * parent, children and a sibling, so every relation has a real union:
 */
const CALLER_UNION = '210100';
const RELATIONS = ['own', 'child', 'parent', 'sibling', 'otherProvince'] as const;
type Relation = (typeof RELATIONS)[number];
const UNION_OF: Record<Relation, string> = {
  own: '210100', // 沈阳市
  child: '210102', // 和平区
  parent: '210000', // 辽宁省
  sibling: '210700', // 锦州市
  otherProvince: '511902', // 四川 巴州区
};
const VISIBLE: Record<Relation, boolean> = { own: true, child: true, parent: false, sibling: false, otherProvince: false };

/** Synthetic staff, where the demo data has nobody of that role in that union (tokens are minted for any claims). */
function staff(username: string, role: Role, unionCode: string, serial: number): DemoUser {
  return {
    username,
    sub: `5a1e0000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    role,
    unionCode,
    displayName: `${username} 测试`,
  };
}
const lawyerShenyang = staff('lawyer-shenyang', 'lawyer', '210100', 1);
const mediatorShenyang = staff('mediator-shenyang', 'mediator', '210100', 2);
const operatorLiaoning = staff('op-liaoning', 'operator', '210000', 3);
/** On a roster only: they never sign in here, they are assignees and roster entries of the other tenants. */
const lawyerLiaoning = staff('lawyer-liaoning', 'lawyer', '210000', 4);
const lawyerJinzhou = staff('lawyer-jinzhou', 'lawyer', '210700', 5);
const lawyerBazhou = staff('lawyer-bazhou', 'lawyer', '511902', 6);

/** Who calls, by role: all of them staff of 沈阳市总工会. */
const CALLERS: Record<Role, DemoUser> = {
  operator: demo('op-shenyang'),
  lawyer: lawyerShenyang,
  mediator: mediatorShenyang,
  legal_admin: demo('admin-shenyang'),
};
/** The lawyer of each relation's union: owner of its claimed cases, its roster entry to read, an assignee. */
const LAWYER_OF: Record<Relation, DemoUser> = {
  own: lawyerShenyang,
  child: demo('lawyer-heping'),
  parent: lawyerLiaoning,
  sibling: lawyerJinzhou,
  otherProvince: lawyerBazhou,
};
/** Who prepares a relation's cases: an operator and the legal department over that union. */
const REGISTRAR_OF: Record<Relation, DemoUser> = {
  own: demo('op-shenyang'),
  child: demo('op-shenyang'),
  parent: operatorLiaoning,
  sibling: operatorLiaoning,
  otherProvince: demo('op-bazhou'),
};
const ADMIN_OF: Record<Relation, DemoUser> = {
  own: demo('admin-shenyang'),
  child: demo('admin-shenyang'),
  parent: demo('admin-liaoning'),
  sibling: demo('admin-liaoning'),
  otherProvince: demo('admin-sichuan'),
};
/** Where a relation's case is sent when it is transferred: never into the caller's subtree, unless it is already there. */
const TRANSFER_DESTINATION: Record<Relation, string> = {
  own: '210102',
  child: '210103',
  parent: '210700',
  sibling: '210000',
  otherProvince: '511100',
};

const TOKEN_STATES = [
  'valid',
  'missing',
  'expired',
  'otherKey',
  'tamperedUnion',
  'tamperedRole',
  'wrongAudience',
  'unsigned',
] as const;
type TokenState = (typeof TOKEN_STATES)[number];

type CaseState = 'registered' | 'claimed' | 'closed' | 'transferPending';
/** What a route acts on, made concrete for each relation. */
type Target =
  | { readonly kind: 'none' }
  | { readonly kind: 'case'; readonly state: CaseState }
  /** registerCase: the complaint's region. */
  | { readonly kind: 'region' }
  /** getStaff: the relation's lawyer. */
  | { readonly kind: 'rosterEntry' }
  /** putStaff: a new person, on the roster of the relation's union. */
  | { readonly kind: 'newRosterEntry' }
  /** Reports: the relation's union (and `query`, more of the query a route requires). */
  | { readonly kind: 'reportUnion'; readonly query?: string }
  /** acknowledgeAlert: the early warning raised for the relation's union alone. */
  | { readonly kind: 'alert' }
  /** The complainant's routes: a staff token, valid or not, must change nothing about them. */
  | { readonly kind: 'public'; readonly status: number };

/** Statuses for [own, child, parent, sibling, otherProvince]. */
type ByRelation = readonly [number, number, number, number, number];
type Expectation = { readonly target: Target } & ({ readonly public: true } | Readonly<Record<Role, ByRelation>>);

const FORBIDDEN: ByRelation = [403, 403, 403, 403, 403];
/** A case-scoped route: what the caller cannot see is "not found", never "forbidden". */
const CASE_SCOPED = (own: number, child: number): ByRelation => [own, child, 404, 404, 404];
/** Answers about the caller's own subtree whatever the relation (lists, pools): the target does not enter the request. */
const SAME = (status: number): ByRelation => [status, status, status, status, status];

/**
 * THE table: what each route answers each role of 沈阳市总工会 holding a valid
 * token, by relation. Any token that is not valid (missing, expired, signed
 * with another key, claims edited, another audience, `alg: none`) is 401 on every staff
 * route; public routes answer as they would without one.
 *
 * Statuses that are neither a success, a 403 for the role nor a 404 for the
 * tenancy are the use case's own answer to that caller in that case state
 * (e.g. a city lawyer claims only from the city's pool: 404 on a district's
 * case; a mediator cannot take a lawyer's case: 403 on release).
 */
const EXPECTED: Record<string, Expectation> = {
  registerCase: {
    target: { kind: 'region' },
    operator: [201, 201, 422, 422, 422],
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: FORBIDDEN,
  },
  listCases: { target: { kind: 'none' }, operator: SAME(200), lawyer: SAME(200), mediator: SAME(200), legal_admin: SAME(200) },
  getCase: {
    target: { kind: 'case', state: 'registered' },
    operator: CASE_SCOPED(200, 200),
    lawyer: CASE_SCOPED(200, 200),
    mediator: CASE_SCOPED(200, 200),
    legal_admin: CASE_SCOPED(200, 200),
  },
  getCaseTimeline: {
    target: { kind: 'case', state: 'registered' },
    operator: CASE_SCOPED(200, 200),
    lawyer: CASE_SCOPED(200, 200),
    mediator: CASE_SCOPED(200, 200),
    legal_admin: CASE_SCOPED(200, 200),
  },
  lookupCaller: { target: { kind: 'none' }, operator: SAME(200), lawyer: FORBIDDEN, mediator: FORBIDDEN, legal_admin: SAME(200) },
  listStaff: { target: { kind: 'none' }, operator: FORBIDDEN, lawyer: FORBIDDEN, mediator: FORBIDDEN, legal_admin: SAME(200) },
  getStaff: {
    target: { kind: 'rosterEntry' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [200, 200, 404, 404, 404],
  },
  putStaff: {
    target: { kind: 'newRosterEntry' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [200, 200, 422, 422, 422],
  },
  getPool: { target: { kind: 'none' }, operator: FORBIDDEN, lawyer: SAME(200), mediator: SAME(200), legal_admin: FORBIDDEN },
  claimCase: {
    target: { kind: 'case', state: 'registered' },
    operator: FORBIDDEN,
    lawyer: CASE_SCOPED(200, 404),
    mediator: CASE_SCOPED(422, 404),
    legal_admin: FORBIDDEN,
  },
  releaseCase: {
    target: { kind: 'case', state: 'claimed' },
    operator: FORBIDDEN,
    lawyer: CASE_SCOPED(200, 403),
    mediator: CASE_SCOPED(403, 403),
    legal_admin: FORBIDDEN,
  },
  assignCase: {
    target: { kind: 'case', state: 'registered' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  transferCase: {
    target: { kind: 'case', state: 'registered' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  acceptTransfer: {
    target: { kind: 'case', state: 'transferPending' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  rejectTransfer: {
    target: { kind: 'case', state: 'transferPending' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  listTransfers: {
    target: { kind: 'none' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: SAME(200),
  },
  addCaseWork: {
    target: { kind: 'case', state: 'claimed' },
    operator: FORBIDDEN,
    lawyer: CASE_SCOPED(200, 403),
    mediator: CASE_SCOPED(403, 403),
    legal_admin: CASE_SCOPED(200, 200),
  },
  closeCase: {
    target: { kind: 'case', state: 'claimed' },
    operator: FORBIDDEN,
    lawyer: CASE_SCOPED(200, 403),
    mediator: CASE_SCOPED(403, 403),
    legal_admin: CASE_SCOPED(200, 200),
  },
  followUpCase: {
    target: { kind: 'case', state: 'closed' },
    operator: CASE_SCOPED(200, 200),
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  reopenCase: {
    target: { kind: 'case', state: 'closed' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  logHotlineCall: {
    target: { kind: 'case', state: 'registered' },
    operator: CASE_SCOPED(200, 200),
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: CASE_SCOPED(200, 200),
  },
  listAlerts: { target: { kind: 'none' }, operator: FORBIDDEN, lawyer: FORBIDDEN, mediator: FORBIDDEN, legal_admin: SAME(200) },
  acknowledgeAlert: {
    target: { kind: 'alert' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [200, 200, 404, 404, 404],
  },
  // The complainant's writes get an empty body: a 400 that writes nothing, whoever's token rides along.
  fileComplaint: { target: { kind: 'public', status: 400 }, public: true },
  getPublicComplaint: { target: { kind: 'public', status: 200 }, public: true },
  addPublicSupplement: { target: { kind: 'public', status: 400 }, public: true },
  givePublicFeedback: { target: { kind: 'public', status: 400 }, public: true },
  getOpenApi: { target: { kind: 'public', status: 200 }, public: true },
  getMonthlyReport: {
    target: { kind: 'reportUnion' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [200, 200, 404, 404, 404],
  },
  exportMonthlyReport: {
    target: { kind: 'reportUnion', query: 'format=csv' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [200, 200, 404, 404, 404],
  },
  fileMonthlyReport: {
    target: { kind: 'reportUnion' },
    operator: FORBIDDEN,
    lawyer: FORBIDDEN,
    mediator: FORBIDDEN,
    legal_admin: [201, 201, 404, 404, 404],
  },
  listUnions: { target: { kind: 'none' }, operator: SAME(200), lawyer: SAME(200), mediator: SAME(200), legal_admin: SAME(200) },
};

// ---------------------------------------------------------------------------

let api: LocalApi;

/** The documented example body of a route (the matrix sends what a real client would). */
function exampleBody(contract: RouteContract): unknown {
  if (!contract.request.body) return undefined;
  return (z.globalRegistry.get(contract.request.body as z.core.$ZodType)?.examples as unknown[] | undefined)?.[0];
}
const contractNamed = (name: string) => ROUTES.find(({ contract }) => contract.name === name)!.contract;

/** A request made to set the stage: it must succeed, or the matrix would measure the wrong thing. */
async function prepare(user: DemoUser, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await api.request(method, path, { user, ...(body !== undefined ? { body } : {}) });
  if (response.status >= 300)
    throw new Error(`${user.username} ${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** A lawyer-pool complaint (a work injury), in a relation's union. */
const injuryIn = (relation: Relation) => complaint({ category: 'work_injury', regionCode: UNION_OF[relation] });

async function caseIn(relation: Relation, state: CaseState): Promise<{ caseId: string; caseNumber: string }> {
  const created = await prepare(REGISTRAR_OF[relation], 'POST', '/cases', injuryIn(relation));
  const { caseId, caseNumber } = created.body as { caseId: string; caseNumber: string };
  const admin = ADMIN_OF[relation];
  if (state === 'claimed' || state === 'closed')
    await prepare(admin, 'POST', `/cases/${caseId}/assign`, { staffId: LAWYER_OF[relation].sub });
  if (state === 'closed') await prepare(admin, 'POST', `/cases/${caseId}/close`, exampleBody(contractNamed('closeCase')));
  if (state === 'transferPending')
    await prepare(admin, 'POST', `/cases/${caseId}/transfer`, {
      toUnion: TRANSFER_DESTINATION[relation],
      reason: '用工地不在本区',
    });
  return { caseId, caseNumber };
}

/** A roster entry as a legal department writes one (the demo lawyers' shape). */
function rosterEntryFor(person: DemoUser, unionCode = person.unionCode) {
  const { staffId: _demoLawyer, ...entry } = DEMO_ROSTER.find((candidate) => candidate.role === 'lawyer')!;
  return { ...entry, displayName: person.displayName, role: person.role, unionCode };
}

/**
 * An early warning for each relation's union alone: a collective complaint
 * (≥ 10 workers raises one at once) against an employer of its own, handed to
 * the stream consumer as the cloud would. Walk-in, so that 和平区's duty
 * lawyer does not take it on the spot.
 */
async function alertIn(relation: Relation): Promise<void> {
  const first17 = `91${UNION_OF[relation]}MA0AB000${RELATIONS.indexOf(relation)}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17);
  const collective = complaint({
    channel: 'walk_in',
    regionCode: UNION_OF[relation],
    workersInvolved: 12,
    employer: { name: `预警测试用人单位${relation}`, creditCode },
  });
  const created = await prepare(REGISTRAR_OF[relation], 'POST', '/cases', collective);
  sharedCases.set(`${relation}/alert`, created.body as { caseId: string; caseNumber: string });
  creditCodes.set(creditCode, relation);
}
const creditCodes = new Map<string, Relation>();
const alertOf = new Map<Relation, string>();

async function raiseAlerts(): Promise<void> {
  const newCases = (await streamRecords(api.table)).filter((record) => record.dynamodb?.NewImage?.entity?.S === 'case');
  expect(await raiseEarlyWarnings({ Records: newCases })).toEqual({ batchItemFailures: [] });
  for (const item of await api.items()) {
    const relation = creditCodes.get(String(item.creditCode));
    if (String(item.PK).startsWith('ALERT#') && relation) alertOf.set(relation, String(item.alertId));
  }
  expect([...alertOf.keys()].sort()).toEqual([...RELATIONS].sort());
}

/** Unions inside the callers' subtree (the demo hierarchy). */
const SUBTREE = new Set<string>([CALLER_UNION]);
for (const union of DEMO_UNIONS) if (union.parentCode && SUBTREE.has(union.parentCode)) SUBTREE.add(union.code);

/** One case per relation and state, shared by every cell that must not change it (403, 404, 401 and reads). */
const sharedCases = new Map<string, { caseId: string; caseNumber: string }>();
const sharedKey = (relation: Relation, state: CaseState) => `${relation}/${state}`;
/**
 * The states a relation's shared cases are prepared in. Outside the subtree
 * the answer is 404 before the state is read, so the quick run aims every
 * cell at one registered case there; the long run prepares every state.
 */
const sharedStatesOf = (relation: Relation): readonly CaseState[] =>
  VISIBLE[relation] || LONG_RUNS ? ['registered', 'claimed', 'closed', 'transferPending'] : ['registered'];
const sharedCase = (relation: Relation, state: CaseState) =>
  sharedCases.get(sharedKey(relation, sharedStatesOf(relation).includes(state) ? state : 'registered'))!;
let publicComplaint: { caseNumber: string; accessCode: string };
/** The last full month (China time is ahead of UTC, so a month that ended there too): reports may be filed for it. */
const LAST_MONTH = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
})();

// ---------------------------------------------------------------------------
// Tokens in every state.

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** A genuine token whose payload is edited and not signed again. */
function tampered(token: string, edit: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return [header, base64url({ ...claims, ...edit }), signature].join('.');
}

const tokenCache = new Map<string, Promise<string | undefined>>();
function authorizationIn(state: Exclude<TokenState, 'valid'>, user: DemoUser): Promise<string | undefined> {
  const key = `${state} ${user.username}`;
  if (!tokenCache.has(key)) tokenCache.set(key, mint(state, user));
  return tokenCache.get(key)!;
}
async function mint(state: Exclude<TokenState, 'valid'>, user: DemoUser): Promise<string | undefined> {
  const { sub: _subject, ...claims } = demoClaims(user);
  switch (state) {
    case 'missing':
      return undefined;
    case 'expired':
      // An hour past its expiry: far beyond the authorizer's clock leeway.
      return signLocalToken(user, api.baseUrl, { issuedSecondsAgo: ID_TOKEN_TTL_SECONDS + 3600 });
    case 'otherKey':
      return forgedToken(api.baseUrl, user.sub, claims);
    case 'tamperedUnion':
      // Climbing to the province, the classic escalation.
      return tampered(await signLocalToken(user, api.baseUrl), { union_code: '210000' });
    case 'tamperedRole':
      return tampered(await signLocalToken(user, api.baseUrl), {
        roles: [user.role === 'legal_admin' ? 'operator' : 'legal_admin'],
      });
    case 'wrongAudience':
      return signLocalToken(user, api.baseUrl, { audience: 'weiquan-h5' });
    case 'unsigned': {
      // `alg: none` and no signature: the oldest trick against JWT libraries.
      const [, payload] = (await signLocalToken(user, api.baseUrl)).split('.');
      return `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    }
  }
}

// ---------------------------------------------------------------------------
// Cells.

interface Cell {
  readonly route: string;
  readonly contract: RouteContract;
  readonly role: Role;
  readonly relation: Relation;
  readonly token: TokenState;
  readonly expected: number;
}

function cellsOf(contract: RouteContract): Cell[] {
  const expectation = EXPECTED[contract.name]!;
  const route = `${contract.method} ${contract.path}`;
  if ('public' in expectation) {
    // No token is read: each role's valid token, and each refused kind once, must change nothing.
    const status = (expectation.target as { status: number }).status;
    const tokens = [
      ...ROLES.map((role) => ({ role, token: 'valid' as const })),
      ...TOKEN_STATES.filter((token) => token !== 'valid').map((token) => ({ role: 'operator' as const, token })),
    ];
    return tokens.map(({ role, token }) => ({ route, contract, role, relation: 'own', token, expected: status }));
  }
  // A target that does not enter the request (lists, pools) makes the relations one request; its row is uniform.
  const relations = expectation.target.kind === 'none' ? (['own'] as const) : RELATIONS;
  const valid = ROLES.flatMap((role) =>
    relations.map((relation) => ({
      route,
      contract,
      role,
      relation,
      token: 'valid' as const,
      expected: expectation[role][RELATIONS.indexOf(relation)]!,
    })),
  );
  // A refused token is refused before the target is looked at: one relation is enough. Every route meets every
  // kind of refused token; the long run tries each with every role, the quick one with the roles in turn.
  const routeIndex = ROUTES.findIndex((candidate) => candidate.contract === contract);
  const refused = TOKEN_STATES.filter((token) => token !== 'valid').flatMap((token, tokenIndex) =>
    (LONG_RUNS ? ROLES : [ROLES[(routeIndex + tokenIndex) % ROLES.length]!]).map((role) => ({
      route,
      contract,
      role,
      relation: 'own' as const,
      token,
      expected: 401,
    })),
  );
  return [...valid, ...refused];
}

/**
 * A write expected to succeed gets a case of its own, so cells do not depend
 * on each other's order; every other cell aims at the shared case of its
 * relation and state, which must end the run exactly as it began.
 */
function needsFreshCase(cell: Cell): boolean {
  return cell.contract.method !== 'GET' && cell.expected < 300;
}

async function requestFor(cell: Cell): Promise<{ path: string; body?: unknown; headers?: Record<string, string> }> {
  const { contract, relation } = cell;
  const target = EXPECTED[contract.name]!.target;
  const body = exampleBody(contract);
  const union = UNION_OF[relation];
  switch (target.kind) {
    case 'none':
      return { path: contract.path, body };
    case 'region':
      return { path: contract.path, body: injuryIn(relation) };
    case 'rosterEntry':
      return { path: contract.path.replace('{staffId}', LAWYER_OF[relation].sub) };
    case 'newRosterEntry':
      return { path: contract.path.replace('{staffId}', randomUUID()), body: rosterEntryFor(staff('new', 'lawyer', union, 0)) };
    case 'reportUnion':
      return contract.method === 'GET'
        ? { path: `${contract.path}?union=${union}&month=${LAST_MONTH}${target.query ? `&${target.query}` : ''}` }
        : { path: contract.path.replace('{union}', union).replace('{month}', LAST_MONTH) };
    case 'alert':
      return { path: contract.path.replace('{alertId}', alertOf.get(relation)!) };
    case 'public':
      return {
        path: contract.path.replace('{caseNumber}', publicComplaint.caseNumber),
        headers: { 'x-access-code': publicComplaint.accessCode },
        ...(contract.request.body ? { body: {} } : {}),
      };
    case 'case': {
      const { caseId } = needsFreshCase(cell) ? await caseIn(relation, target.state) : sharedCase(relation, target.state);
      const specific =
        contract.name === 'assignCase'
          ? { staffId: LAWYER_OF[relation].sub }
          : contract.name === 'transferCase'
            ? { toUnion: TRANSFER_DESTINATION[relation], reason: '用工地不在本区' }
            : body;
      return { path: contract.path.replace('{caseId}', caseId), body: specific };
    }
  }
}

const figures = {
  cells: 0,
  foreignTargets: 0,
  byStatus: new Map<number, number>(),
  serverErrors: 0,
  crossTenant2xx: 0,
  leaks: 0,
};

async function run(cell: Cell): Promise<string | undefined> {
  const { path, body, headers = {} } = await requestFor(cell);
  const user = CALLERS[cell.role];
  const authorization = cell.token === 'valid' ? undefined : await authorizationIn(cell.token, user);
  const response = await api.request(cell.contract.method, path, {
    ...(cell.token === 'valid' ? { user } : {}),
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
    ...(body !== undefined ? { body } : {}),
  });
  figures.cells += 1;
  figures.byStatus.set(response.status, (figures.byStatus.get(response.status) ?? 0) + 1);
  if (response.status >= 500) figures.serverErrors += 1;
  if (cell.token === 'valid' && !VISIBLE[cell.relation] && response.status < 300) figures.crossTenant2xx += 1;
  // Nothing of another tenant's cases may show in any answer, lists and pools included.
  const text = JSON.stringify(response.body);
  const leaked = [...sharedCases.entries()]
    .filter(([key]) => !VISIBLE[key.split('/')[0] as Relation])
    .some(([, { caseId, caseNumber }]) => text.includes(caseId) || text.includes(caseNumber));
  if (leaked) figures.leaks += 1;
  const label = `${cell.role} ${cell.relation} ${cell.token}`;
  if (leaked) return `${label}: the answer names another tenant's case`;
  if (response.status !== cell.expected)
    return `${label}: expected ${cell.expected}, got ${response.status} ${JSON.stringify(response.body?.error ?? '').slice(0, 200)}`;
  return undefined;
}

/** Runs cells a few at a time: enough to keep the server busy, not so many that DynamoDB Local's lock queue decides. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

// ---------------------------------------------------------------------------
// What must never change: the other tenants' data and the shared cases.

/** Items the matrix must leave as they are: the shared cases' items, and every case and roster entry outside the subtree. */
async function untouchable(): Promise<string[]> {
  const idsOf = (entries: [string, { caseId: string }][]) => new Set(entries.map(([, { caseId }]) => `CASE#${caseId}`));
  const sharedIds = idsOf([...sharedCases.entries()]);
  const visibleIds = idsOf([...sharedCases.entries()].filter(([key]) => VISIBLE[key.split('/')[0] as Relation]));
  return (await api.items())
    .filter((item) => {
      const pk = String(item.PK);
      // Reading a case's contact details is audited on the case, by design: the readers may see it.
      if (item.entity === 'event' && item.type === 'contact_viewed' && visibleIds.has(pk)) return false;
      if (sharedIds.has(pk)) return true;
      if (pk.startsWith('ALERTS#')) return !SUBTREE.has(pk.slice('ALERTS#'.length));
      if (pk.startsWith('ALERT#')) return !VISIBLE[creditCodes.get(String(item.creditCode)) ?? 'own'];
      // A case item keeps its union path in its row (shared/store/case-item.ts).
      const unionPath = item.SK === 'CASE' ? caseFieldsOf(item).unionPath : item.unionPath;
      const outside = Array.isArray(unionPath) && !(unionPath as string[]).includes(CALLER_UNION);
      return outside && (item.SK === 'CASE' || pk.startsWith('ROSTER#'));
    })
    .map((item) => JSON.stringify(item, Object.keys(item).sort()))
    .sort();
}

let before: string[];

beforeAll(async () => {
  api = await startLocalApi();
  // Roster entries: the city's own lawyer and mediator (they sign in), and one lawyer in each other tenant.
  await Promise.all([
    prepare(CALLERS.legal_admin, 'PUT', `/staff/${lawyerShenyang.sub}`, rosterEntryFor(lawyerShenyang)),
    prepare(CALLERS.legal_admin, 'PUT', `/staff/${mediatorShenyang.sub}`, {
      ...rosterEntryFor(mediatorShenyang),
      categories: DEMO_ROSTER.find((candidate) => candidate.role === 'mediator')!.categories,
    }),
    prepare(demo('admin-liaoning'), 'PUT', `/staff/${lawyerLiaoning.sub}`, rosterEntryFor(lawyerLiaoning)),
    prepare(demo('admin-liaoning'), 'PUT', `/staff/${lawyerJinzhou.sub}`, rosterEntryFor(lawyerJinzhou)),
    prepare(demo('admin-sichuan'), 'PUT', `/staff/${lawyerBazhou.sub}`, rosterEntryFor(lawyerBazhou)),
  ]);
  // One union's registrations in turn (they take numbers from one counter), the unions side by side.
  await Promise.all(
    RELATIONS.map(async (relation) => {
      for (const state of sharedStatesOf(relation)) sharedCases.set(sharedKey(relation, state), await caseIn(relation, state));
    }),
  );
  for (const relation of RELATIONS) await alertIn(relation);
  await raiseAlerts();
  const filed = await api.request('POST', '/public/complaints', { body: exampleBody(contractNamed('fileComplaint')) });
  publicComplaint = filed.body as { caseNumber: string; accessCode: string };
  before = await untouchable();
});

afterAll(async () => {
  const statuses = [...figures.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
  console.info(
    `authorization matrix: ${figures.cells} cells over ${ROUTES.length} routes, ${ROLES.length} roles, ${RELATIONS.length} relations, ${TOKEN_STATES.length} token states; ` +
      `${figures.foreignTargets} writes aimed at another tenant's staff or union; ` +
      `statuses ${statuses.join(' ')}, 5xx ${figures.serverErrors}, cross-tenant 2xx ${figures.crossTenant2xx}, leaks ${figures.leaks}`,
  );
  await api.stop();
});

describe('authorization matrix (route × role × relation × token)', () => {
  it('has an entry for every route in the route table, and none for a route that is not there', () => {
    const names = ROUTES.map(({ contract }) => contract.name).sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(names);
  });

  it.each(ROUTES.filter(({ contract }) => !isPublic(contract.access)).map(({ contract }) => ({ name: contract.name, contract })))(
    '$name: roles the route table does not admit are 403 in the table too, and a target-free route answers alike',
    ({ contract }) => {
      const expectation = EXPECTED[contract.name]!;
      if ('public' in expectation) throw new Error(`${contract.name} is not public in the route table`);
      for (const role of ROLES.filter((candidate) => !allowedRoles(contract.access).includes(candidate)))
        expect(expectation[role], role).toEqual(FORBIDDEN);
      if (expectation.target.kind === 'none') for (const role of ROLES) expect(new Set(expectation[role]).size, role).toBe(1);
    },
  );

  it.each(ROUTES.map(({ contract }) => ({ name: contract.name, contract })))(
    '$name answers every role, relation and token as declared',
    async ({ contract }) => {
      const mismatches = (await inBatches(cellsOf(contract), 8, run)).filter((mismatch) => mismatch !== undefined);
      expect(mismatches).toEqual([]);
    },
  );

  it('changed nothing of another tenant, nor any case a refused request aimed at', async () => {
    expect(await untouchable()).toEqual(before);
    expect(figures.serverErrors).toBe(0);
    expect(figures.crossTenant2xx).toBe(0);
  });
});

/** Every item of the table, in an order that does not depend on the scan. */
async function everything(): Promise<string[]> {
  return (await api.items()).map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
}

/** Runs one request and proves it wrote nothing at all (the tests of this block run one at a time). */
async function refusedWithoutWriting(user: DemoUser, method: string, path: string, body: unknown): Promise<ApiResponse> {
  const before = await everything();
  const response = await api.request(method, path, { user, body });
  figures.foreignTargets += 1;
  figures.cells += 1;
  figures.byStatus.set(response.status, (figures.byStatus.get(response.status) ?? 0) + 1);
  if (response.status >= 500) figures.serverErrors += 1;
  if (response.status < 300) figures.crossTenant2xx += 1;
  expect(await everything()).toEqual(before);
  return response;
}

describe('writes whose target lies in another tenant', () => {
  const shenhe = demo('lawyer-shenhe');
  const heping = demo('lawyer-heping');

  it.each([
    { who: 'admin-shenyang', relation: 'child' as const, assignee: lawyerJinzhou, where: 'a sibling city (锦州)' },
    { who: 'admin-shenyang', relation: 'child' as const, assignee: lawyerBazhou, where: 'another province (巴州区)' },
    // Issue 12, defect 4: 沈河区's lawyer is in the caller's subtree but cannot see a 和平区 case.
    { who: 'admin-shenyang', relation: 'child' as const, assignee: shenhe, where: 'the case union’s sibling (沈河区)' },
    { who: 'admin-heping', relation: 'child' as const, assignee: shenhe, where: 'the caller’s sibling (沈河区)' },
    { who: 'admin-sichuan', relation: 'otherProvince' as const, assignee: heping, where: 'another province (和平区)' },
    // Issue 12, defect 5's second half: another province's lawyer on a 巴州区 case.
    { who: 'admin-sichuan', relation: 'otherProvince' as const, assignee: lawyerShenyang, where: 'another province (沈阳市)' },
  ])(
    '$who cannot make staff of $where the owner of a case: 422 on staffId, nothing written',
    async ({ who, relation, assignee }) => {
      const { caseId } = await caseIn(relation, 'registered');
      const response = await refusedWithoutWriting(demo(who), 'POST', `/cases/${caseId}/assign`, { staffId: assignee.sub });
      expect(response.status).toBe(422);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ path: 'staffId' }));
    },
  );

  it.each([
    { who: 'admin-shenyang', unionCode: UNION_OF.sibling, where: 'a sibling city (锦州)' },
    { who: 'admin-shenyang', unionCode: UNION_OF.parent, where: 'the parent (辽宁省)' },
    { who: 'admin-shenyang', unionCode: UNION_OF.otherProvince, where: 'another province (巴州区)' },
    { who: 'admin-heping', unionCode: '210103', where: 'a sibling district (沈河区)' },
  ])('$who cannot put a new person on the roster of $where: 422 on unionCode, nothing written', async ({ who, unionCode }) => {
    const response = await refusedWithoutWriting(
      demo(who),
      'PUT',
      `/staff/${randomUUID()}`,
      rosterEntryFor(staff('new', 'lawyer', unionCode, 0)),
    );
    expect(response.status).toBe(422);
    expect(response.body.error.details).toContainEqual(expect.objectContaining({ path: 'unionCode' }));
  });

  it.each([
    { who: 'admin-shenyang', person: lawyerBazhou, unionCode: '210102', where: 'another province (巴州区)' },
    { who: 'admin-shenyang', person: lawyerLiaoning, unionCode: '210102', where: 'the parent (辽宁省)' },
    { who: 'admin-shenyang', person: lawyerJinzhou, unionCode: '210100', where: 'a sibling city (锦州)' },
    { who: 'admin-heping', person: shenhe, unionCode: '210102', where: 'a sibling district (沈河区)' },
    // Issue 12, defect 5: a province taking a Liaoning lawyer's id onto its roster.
    { who: 'admin-sichuan', person: heping, unionCode: '511902', where: 'another province (和平区)' },
  ])(
    '$who cannot take over the roster entry of a person of $where: 404 (their existence does not leak), nothing written',
    async ({ who, person, unionCode }) => {
      const response = await refusedWithoutWriting(demo(who), 'PUT', `/staff/${person.sub}`, rosterEntryFor(person, unionCode));
      expect(response.status).toBe(404);
    },
  );

  it.each([
    { who: 'admin-heping', toUnion: '110000', where: 'a union not on Weiquan (北京)' },
    { who: 'admin-heping', toUnion: '210199', where: 'a division code with no union' },
  ])('$who cannot transfer a case to $where: 422 on toUnion, nothing written', async ({ who, toUnion }) => {
    const { caseId } = await caseIn('child', 'registered');
    const response = await refusedWithoutWriting(demo(who), 'POST', `/cases/${caseId}/transfer`, {
      toUnion,
      reason: '用工地不在本区',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toContainEqual(expect.objectContaining({ path: 'toUnion' }));
  });

  /**
   * A transfer to a union outside the subtree is the route's purpose (首问负责:
   * the first office stays accountable until another formally accepts): it is
   * only a request, so the case stays where it was, and the receiving legal
   * department can answer it but not act on the case before accepting.
   */
  it('a transfer to another province is only a request: the case stays, the receiver may only answer it', async () => {
    const { caseId } = await caseIn('child', 'registered');
    const sent = await api.request('POST', `/cases/${caseId}/transfer`, {
      user: demo('admin-heping'),
      body: { toUnion: '511902', reason: '用人单位注册地在巴州区' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ unionCode: '210102', status: 'transfer_pending' });

    const receiver = demo('admin-sichuan');
    const assigned = await refusedWithoutWriting(receiver, 'POST', `/cases/${caseId}/assign`, { staffId: lawyerBazhou.sub });
    const closed = await refusedWithoutWriting(
      receiver,
      'POST',
      `/cases/${caseId}/close`,
      exampleBody(contractNamed('closeCase')),
    );
    // Its roster is not the case's province's; the case's state allows no closing while the transfer waits.
    expect([assigned.status, closed.status]).toEqual([422, 409]);
    // A third union, neither sender nor receiver, still sees nothing of it.
    expect((await api.request('GET', `/cases/${caseId}`, { user: demo('op-shenhe') })).status).toBe(404);
  });
});
