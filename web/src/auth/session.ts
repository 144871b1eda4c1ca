import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';
import type { Role } from '../lib/labels';

/**
 * The signed-in staff member, as far as the screens need to know: who, which
 * role's menu, which union. Read from the ID token's claims for display only;
 * the API checks the token itself and decides what is allowed.
 */
export interface Session {
  readonly idToken: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unionCode: string;
  readonly staffId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

/** Where the ID token is kept for the tab's life; the browser tests put a token here too. */
export const SESSION_KEY = 'weiquan.idToken';

const ROLES: readonly Role[] = ['operator', 'lawyer', 'mediator', 'legal_admin'];

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** Accepts both the provider's claims (roles, union_code) and Cognito's (cognito:groups, custom:union_code). */
export function sessionFromToken(idToken: string): Session | undefined {
  try {
    const claims = claimsOf(idToken);
    const roleClaim = claims.roles ?? claims['cognito:groups'];
    const roles = (Array.isArray(roleClaim) ? roleClaim : []).filter((role): role is Role => ROLES.includes(role as Role));
    const unionCode = String(claims.union_code ?? claims['custom:union_code'] ?? '');
    const username = String(claims.preferred_username ?? claims['cognito:username'] ?? claims.sub ?? '');
    if (roles.length === 0 || !unionCode || typeof claims.exp !== 'number') return undefined;
    return {
      idToken,
      username,
      name: String(claims.name ?? username),
      roles,
      unionCode,
      staffId: String(claims.sub ?? ''),
      expiresAt: claims.exp,
    };
  } catch {
    return undefined;
  }
}

export function currentSession(now = Date.now()): Session | undefined {
  const token = sessionStorage.getItem(SESSION_KEY);
  const session = token ? sessionFromToken(token) : undefined;
  return session && session.expiresAt * 1000 > now ? session : undefined;
}

export function keepSession(idToken: string): Session | undefined {
  const session = sessionFromToken(idToken);
  if (session) sessionStorage.setItem(SESSION_KEY, idToken);
  return session;
}

export function forgetSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

let manager: UserManager | undefined;

/** The OpenID Connect client: authorization code with PKCE (S256), public client, per the sign-in contract. */
export function userManager(config: ConsoleConfig): UserManager {
  manager ??= new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
  return manager;
}

/** The first screen of each role. */
export function homeOf(session: Session): string {
  if (session.roles.includes('legal_admin')) return '/dept';
  if (session.roles.includes('operator')) return '/hotline';
  return '/desk';
}
