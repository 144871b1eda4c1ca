import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CLAIM_MAPPINGS, identityFromClaims, type ClaimMapping, type IdentityResult } from './staff-claims.js';

/**
 * How staff tokens are checked in one deployment. The stack sets these as
 * environment variables of the authorizer function; `npm start` sets them to
 * its local OpenID Connect provider. Nothing else differs between the two.
 */
export interface StaffTokenSettings {
  /** Exact `iss` of the tokens, e.g. `https://cognito-idp.ap-east-1.amazonaws.com/<pool>` or a Keycloak realm URL. */
  readonly issuer: string;
  /** Accepted `aud` values: the console's client id at the issuer. */
  readonly audiences: readonly string[];
  /** The issuer's signing keys; defaults to `jwks_uri` from its discovery document. */
  readonly jwksUri?: string;
  readonly claims: ClaimMapping;
  /** Leeway for `exp`, `nbf` and `iat` between the issuer's clock and ours. */
  readonly clockToleranceSeconds: number;
  readonly algorithms: readonly string[];
}

/** Environment variables of the authorizer; the stack and the local server write exactly these. */
export const STAFF_TOKEN_ENV = {
  issuer: 'STAFF_OIDC_ISSUER',
  audiences: 'STAFF_OIDC_AUDIENCE',
  jwksUri: 'STAFF_OIDC_JWKS_URI',
  claims: 'STAFF_OIDC_CLAIMS',
  clockTolerance: 'STAFF_OIDC_CLOCK_TOLERANCE_SECONDS',
  algorithms: 'STAFF_OIDC_ALGORITHMS',
} as const;

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;
/** RS256 is what Cognito, Keycloak and Authing sign with by default; ES256 what the local provider uses. */
export const DEFAULT_ALGORITHMS = ['RS256', 'ES256'] as const;

export class StaffTokenConfigurationError extends Error {
  override readonly name = 'StaffTokenConfigurationError';
}

/**
 * Reads the settings when a token is checked, not at import: the local
 * server learns its issuer URL only once it listens on a port.
 */
export function staffTokenSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StaffTokenSettings {
  const issuer = env[STAFF_TOKEN_ENV.issuer];
  const audiences = (env[STAFF_TOKEN_ENV.audiences] ?? '').split(',').filter((audience) => audience !== '');
  if (!issuer || audiences.length === 0) {
    throw new StaffTokenConfigurationError(`${STAFF_TOKEN_ENV.issuer} and ${STAFF_TOKEN_ENV.audiences} must be set`);
  }
  const claimsSetting = env[STAFF_TOKEN_ENV.claims] ?? 'standard';
  const claims =
    claimsSetting in CLAIM_MAPPINGS
      ? CLAIM_MAPPINGS[claimsSetting as keyof typeof CLAIM_MAPPINGS]
      : (JSON.parse(claimsSetting) as ClaimMapping);
  const jwksUri = env[STAFF_TOKEN_ENV.jwksUri];
  return {
    issuer,
    audiences,
    ...(jwksUri ? { jwksUri } : {}),
    claims,
    clockToleranceSeconds: Number(env[STAFF_TOKEN_ENV.clockTolerance] ?? DEFAULT_CLOCK_TOLERANCE_SECONDS),
    algorithms: (env[STAFF_TOKEN_ENV.algorithms] ?? DEFAULT_ALGORITHMS.join(',')).split(','),
  };
}

// One key set per issuer for the life of the container: jose caches the keys
// and refetches on an unknown `kid` (rotation) at most every 30 seconds.
const keySets = new Map<string, JWTVerifyGetKey>();

async function keySetFor(settings: StaffTokenSettings): Promise<JWTVerifyGetKey> {
  const cacheKey = `${settings.issuer} ${settings.jwksUri ?? ''}`;
  let keySet = keySets.get(cacheKey);
  if (!keySet) {
    const jwksUri = settings.jwksUri ?? (await discoverJwksUri(settings.issuer));
    keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 3000 });
    keySets.set(cacheKey, keySet);
  }
  return keySet;
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`discovery of ${issuer} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error(`discovery of ${issuer} names no jwks_uri`);
  return jwksUri;
}

export type TokenCheck =
  | IdentityResult
  /** Not a token of this issuer for this audience, expired, or not signed by its keys: 401. */
  | { readonly ok: false; readonly reason: 'invalid_token' };

/** The token in an `Authorization` header value, sent with or without `Bearer `. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? authorization?.trim();
}

/** `Authorization` header value (with or without `Bearer `) → who the caller is, or why not. */
export async function verifyStaffToken(authorization: string | undefined, settings: StaffTokenSettings): Promise<TokenCheck> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: 'invalid_token' };
  try {
    const { payload } = await jwtVerify(token, await keySetFor(settings), {
      issuer: settings.issuer,
      audience: [...settings.audiences],
      algorithms: [...settings.algorithms],
      clockTolerance: settings.clockToleranceSeconds,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    return identityFromClaims(payload, settings.claims);
  } catch (error) {
    // Anything jose says about the token itself is the caller's problem (401);
    // an unreachable key set is ours and must surface as an error, not as 401s.
    if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
      return { ok: false, reason: 'invalid_token' };
    throw error;
  }
}

/** For tests: forget cached key sets. */
export function forgetStaffKeySets(): void {
  keySets.clear();
}
