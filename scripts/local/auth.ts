import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { SignJWT, decodeJwt, importJWK } from 'jose';
import { AUTHORIZER_CACHE_TTL_SECONDS } from '../../infra/authorizer-cache.js';
import { handler as staffAuthorizer } from '../../functions/auth/staff-authorizer.js';
import { STAFF_TOKEN_ENV, bearerToken } from '../../shared/auth/verify-staff-token.js';
import type { DemoUser } from './demo-data.js';
import { CONSOLE_CLIENT_ID, ID_TOKEN_TTL_SECONDS, OIDC_PATH, demoClaims, localIssuer } from './oidc-settings.js';
import { runningStore } from './running.js';
import { localSecrets } from './secrets.js';

/** Where `npm start` listens unless PORT says otherwise. */
export const DEFAULT_LOCAL_ORIGIN = `http://localhost:${process.env.PORT ?? 3000}`;

/** The origin of the running `npm start` if there is one, else the default: tokens must name its issuer. */
export function localOrigin(): string {
  return runningStore()?.baseUrl ?? DEFAULT_LOCAL_ORIGIN;
}

/** What a test may change in an otherwise genuine token, to see it refused. */
export interface LocalTokenVariation {
  /** `aud`, instead of the console's client id. */
  readonly audience?: string;
  /** `iat` and `exp` this many seconds earlier (a token that expired that long ago, less the TTL). */
  readonly issuedSecondsAgo?: number;
}

/**
 * An ID token for a demo user, exactly as the local OpenID Connect provider
 * issues one after a sign-in (same key, issuer, audience and claims), for
 * curl, scripts and tests. `origin` is the server's, since the issuer names it.
 */
export async function signLocalToken(
  user: DemoUser,
  origin = localOrigin(),
  variation: LocalTokenVariation = {},
): Promise<string> {
  const { signingKey } = await localSecrets();
  const key = await importJWK(signingKey.privateJwk, 'ES256');
  const { sub, ...claims } = demoClaims(user);
  const issuedAt = Math.floor(Date.now() / 1000) - (variation.issuedSecondsAgo ?? 0);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'weiquan-local', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(localIssuer(origin))
    .setAudience(variation.audience ?? CONSOLE_CLIENT_ID)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ID_TOKEN_TTL_SECONDS)
    .sign(key);
}

/** The staff authorizer's settings for a local server at `origin`: its own provider, the standard claims. */
export function localStaffTokenEnv(origin: string): Record<string, string> {
  return {
    [STAFF_TOKEN_ENV.issuer]: localIssuer(origin),
    [STAFF_TOKEN_ENV.audiences]: CONSOLE_CLIENT_ID,
    [STAFF_TOKEN_ENV.jwksUri]: `${origin}${OIDC_PATH}/jwks`,
    [STAFF_TOKEN_ENV.claims]: 'standard',
  };
}

export type AuthorizerAnswer =
  | { readonly effect: 'allow'; readonly context: Readonly<Record<string, string>> }
  | { readonly effect: 'deny' }
  | { readonly effect: 'unauthorized' };

export type Authorize = (authorizationHeader: string | undefined) => Promise<AuthorizerAnswer>;

/**
 * API Gateway's side of a TOKEN authorizer, for the local server: it runs the
 * deployed authorizer function itself and reads its answer as API Gateway
 * does (a thrown "Unauthorized" is 401, a Deny policy 403, an Allow policy
 * passes its context to the route's function).
 */
export const authorizeLocally: Authorize = async (authorizationHeader) => {
  if (!authorizationHeader) return { effect: 'unauthorized' };
  let result: APIGatewayAuthorizerResult;
  try {
    result = await staffAuthorizer({
      type: 'TOKEN',
      authorizationToken: authorizationHeader,
      methodArn: 'arn:aws:execute-api:local:000000000000:local/local/GET/',
    });
  } catch (error) {
    if (error instanceof Error && error.message === 'Unauthorized') return { effect: 'unauthorized' };
    throw error;
  }
  const allowed = result.policyDocument.Statement.every((statement) => 'Effect' in statement && statement.Effect === 'Allow');
  if (!allowed) return { effect: 'deny' };
  return { effect: 'allow', context: Object.fromEntries(Object.entries(result.context ?? {}).map(([k, v]) => [k, String(v)])) };
};

/** Entries a cache holds at most; past it, the oldest go first (a long `npm start` session signs many tokens). */
const CACHED_TOKENS_AT_MOST = 10_000;

/**
 * API Gateway's authorizer cache (infra/rest-api.ts): an Allow or Deny is
 * kept per token for the same TTL, so a token's later calls skip the
 * authorizer, locally as deployed. Unlike API Gateway, an entry never
 * outlives the token's own `exp`, so a local token stops working when it
 * expires rather than up to five minutes later. A 401 is not cached.
 */
export function cachedPerToken(authorize: Authorize, now: () => number = Date.now): Authorize {
  const answers = new Map<string, { readonly answer: AuthorizerAnswer; readonly until: number }>();
  return async (authorizationHeader) => {
    if (!authorizationHeader) return authorize(authorizationHeader);
    const cached = answers.get(authorizationHeader);
    if (cached && cached.until > now()) return cached.answer;
    answers.delete(authorizationHeader);
    const answer = await authorize(authorizationHeader);
    if (answer.effect === 'unauthorized') return answer;
    const until = Math.min(now() + AUTHORIZER_CACHE_TTL_SECONDS * 1000, expiryOf(authorizationHeader));
    if (until <= now()) return answer;
    if (answers.size >= CACHED_TOKENS_AT_MOST) answers.delete(answers.keys().next().value!);
    answers.set(authorizationHeader, { answer, until });
    return answer;
  };
}

/** The token's `exp` in milliseconds; a token the authorizer accepted has one (0 for anything else: not kept). */
function expiryOf(authorizationHeader: string): number {
  try {
    const { exp } = decodeJwt(bearerToken(authorizationHeader) ?? '');
    return typeof exp === 'number' ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}
