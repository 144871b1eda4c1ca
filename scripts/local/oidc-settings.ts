import type { DemoUser } from './demo-data.js';

/**
 * The local OpenID Connect provider's settings, apart from the provider
 * itself so that `npm run token` and the tests need not load it.
 */

export const CONSOLE_CLIENT_ID = 'weiquan-console';
/** Every demo user's password, locally only. */
export const DEMO_PASSWORD = 'weiquan-demo';
export const OIDC_PATH = '/oidc';
export const CONSOLE_SCOPES = 'openid profile weiquan';
/** ID tokens live an hour, as Cognito's and Keycloak's defaults: the console then signs in again. */
export const ID_TOKEN_TTL_SECONDS = 3600;

export function localIssuer(origin: string): string {
  return `${origin}${OIDC_PATH}`;
}

/** The claims the local provider puts in an ID token (the `standard` claim mapping). */
export function demoClaims(user: DemoUser): { sub: string } & Record<string, unknown> {
  return {
    sub: user.sub,
    preferred_username: user.username,
    name: user.displayName,
    roles: [user.role],
    union_code: user.unionCode,
  };
}
