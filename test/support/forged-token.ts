import { SignJWT, generateKeyPair } from 'jose';
import { CONSOLE_CLIENT_ID, localIssuer } from '../../scripts/local/oidc-settings.js';

/**
 * An ID token exactly like the local provider's (issuer, audience, key id,
 * claims) but signed by a key nobody published: the authorizer must refuse it.
 */
export async function forgedToken(origin: string, subject: string, claims: Record<string, unknown>): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'weiquan-local' })
    .setSubject(subject)
    .setIssuer(localIssuer(origin))
    .setAudience(CONSOLE_CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}
