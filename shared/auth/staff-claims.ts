import { isRole, type Role } from '../domain/roles.js';

/**
 * Where a deployment's identity provider puts the facts Weiquan needs. Each
 * is a claim name, or a dotted path into a nested claim (Keycloak nests realm
 * roles under `realm_access.roles`). Unions bring their own issuer (Cognito in
 * the `aws` partition; Keycloak, Authing or a provincial single sign-on in
 * China), so the mapping is configuration, not code.
 */
export interface ClaimMapping {
  /** A list of role names, or one string of names separated by spaces or commas. */
  readonly role: string;
  /** The six-digit division code of the staff member's union. */
  readonly unionCode: string;
  /** A readable login name for timelines and logs; falls back to `sub`. */
  readonly username: string;
  /**
   * The issuer's names for Weiquan's roles, when they differ
   * (e.g. `{"12351-operator": "operator"}`); names not listed are taken as they are.
   */
  readonly roleNames?: Readonly<Record<string, Role>>;
}

/** Ready-made mappings for the issuers unions use; a deployment may give its own. */
export const CLAIM_MAPPINGS = {
  /** Cognito user pool ID tokens: groups named after the roles, a custom attribute for the union. */
  cognito: { role: 'cognito:groups', unionCode: 'custom:union_code', username: 'cognito:username' },
  /** Keycloak with realm roles and a user-attribute mapper named `union_code`. */
  keycloak: { role: 'realm_access.roles', unionCode: 'union_code', username: 'preferred_username' },
  /** Plain OIDC claims: what the local provider under `npm start` issues. */
  standard: { role: 'roles', unionCode: 'union_code', username: 'preferred_username' },
} as const satisfies Record<string, ClaimMapping>;

/** Who a verified token says the caller is. */
export interface StaffIdentity {
  readonly staffId: string;
  readonly username: string;
  readonly roles: readonly Role[];
  readonly unionCode: string;
}

export type IdentityResult =
  | { readonly ok: true; readonly identity: StaffIdentity }
  | { readonly ok: false; readonly reason: 'missing_subject' | 'no_weiquan_role' | 'missing_union_code' };

function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  // A literal claim name wins over a dotted path (Cognito's names contain ':' but some issuers use '.').
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A list claim may arrive as an array, as "a b", "a,b", or as API Gateway's rendering "[a b]". */
export function namesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter((name) => name !== '');
}

/**
 * Maps a verified token's claims to a staff identity. A token without a
 * subject, without any Weiquan role or without a union code is refused: such
 * a person may be known to the issuer but is not staff of any union here.
 */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping): IdentityResult {
  const staffId = claims.sub;
  if (typeof staffId !== 'string' || staffId === '') return { ok: false, reason: 'missing_subject' };
  const roles = [...new Set(namesIn(claimAt(claims, mapping.role)).map((name) => mapping.roleNames?.[name] ?? name))].filter(
    isRole,
  );
  if (roles.length === 0) return { ok: false, reason: 'no_weiquan_role' };
  const unionCode = claimAt(claims, mapping.unionCode);
  if (typeof unionCode !== 'string' || !/^\d{6}$/.test(unionCode)) return { ok: false, reason: 'missing_union_code' };
  const username = claimAt(claims, mapping.username);
  return {
    ok: true,
    identity: { staffId, username: typeof username === 'string' && username !== '' ? username : staffId, roles, unionCode },
  };
}

/**
 * The identity as a Lambda authorizer's context: API Gateway allows only
 * flat string, number and boolean values, and hands them to the route's
 * function in `requestContext.authorizer`.
 */
export function authorizerContext(identity: StaffIdentity): Record<string, string> {
  return {
    staffId: identity.staffId,
    username: identity.username,
    roles: identity.roles.join(','),
    unionCode: identity.unionCode,
  };
}

/** The inverse of authorizerContext, for the one place handlers learn who is calling. */
export function identityFromAuthorizerContext(
  context: Readonly<Record<string, unknown>> | null | undefined,
): StaffIdentity | undefined {
  const staffId = context?.staffId;
  if (typeof staffId !== 'string' || staffId === '') return undefined;
  const unionCode = context?.unionCode;
  const username = context?.username;
  return {
    staffId,
    username: typeof username === 'string' && username !== '' ? username : staffId,
    roles: namesIn(context?.roles).filter(isRole),
    unionCode: typeof unionCode === 'string' && /^\d{6}$/.test(unionCode) ? unionCode : '',
  };
}
