import { SignJWT, importJWK, jwtVerify, type JWTPayload } from 'jose';
import type { DemoUser } from './demo-data.js';
import { localSecrets } from './secrets.js';

/**
 * Emulation of API Gateway's Cognito user pool authorizer. Tokens carry the
 * claims a Cognito ID token carries (`sub`, `cognito:username`,
 * `cognito:groups`, `custom:union_code`, `token_use: id`), are signed with a
 * local ES256 key, and are checked as the authorizer checks them: signature,
 * issuer, audience, expiry and token use.
 */
export const LOCAL_ISSUER = 'https://cognito-idp.local/weiquan-local-pool';
export const LOCAL_AUDIENCE = 'weiquan-local-client';
const TOKEN_LIFETIME = '12h';

export async function signLocalToken(user: DemoUser): Promise<string> {
  const { signingKey } = await localSecrets();
  const key = await importJWK(signingKey.privateJwk, 'ES256');
  return new SignJWT({
    'cognito:username': user.username,
    'cognito:groups': [user.role],
    'custom:union_code': user.unionCode,
    token_use: 'id',
    name: user.displayName,
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'weiquan-local' })
    .setSubject(user.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(TOKEN_LIFETIME)
    .sign(key);
}

export type Verifier = (authorizationHeader: string | undefined) => Promise<Record<string, string> | undefined>;

/** Returns the claims as API Gateway hands them to a Lambda (every value a string), or undefined if refused. */
export async function createLocalVerifier(): Promise<Verifier> {
  const { signingKey } = await localSecrets();
  const key = await importJWK(signingKey.publicJwk, 'ES256');
  return async (authorizationHeader) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorizationHeader ?? '')?.[1] ?? authorizationHeader;
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, key, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] });
      if (payload.token_use !== 'id') return undefined;
      return flattenClaims(payload);
    } catch {
      return undefined;
    }
  };
}

/** API Gateway renders a list claim as "[a b]" and every other value as a string. */
function flattenClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}
