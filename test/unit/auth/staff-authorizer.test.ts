import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload, type CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler, wholeApiArn } from '../../../functions/auth/staff-authorizer.js';
import { CLAIM_MAPPINGS, identityFromClaims } from '../../../shared/auth/staff-claims.js';
import { STAFF_TOKEN_ENV, forgetStaffKeySets } from '../../../shared/auth/verify-staff-token.js';
import { callerFromEvent } from '../../../shared/http/caller.js';

/**
 * The staff authorizer against a real JWKS endpoint on loopback (the issuer's
 * published keys), with tokens made the way issuers make them.
 */
const ISSUER = 'https://sso.example-union.cn/realms/weiquan';
const AUDIENCE = 'weiquan-console';
const METHOD_ARN = 'arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/v1/POST/cases';

let jwksServer: Server;
let issuerKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const issuerPair = await generateKeyPair('RS256', { extractable: true });
  issuerKey = issuerPair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(issuerPair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  jwksServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(jwks);
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => jwksServer.close(resolve));
});

beforeEach(() => {
  forgetStaffKeySets();
  Object.assign(process.env, {
    [STAFF_TOKEN_ENV.issuer]: ISSUER,
    [STAFF_TOKEN_ENV.audiences]: AUDIENCE,
    [STAFF_TOKEN_ENV.jwksUri]: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/certs`,
    [STAFF_TOKEN_ENV.claims]: 'keycloak',
  });
});

const KEYCLOAK_CLAIMS = {
  preferred_username: 'op-heping',
  realm_access: { roles: ['operator', 'offline_access'] },
  union_code: '210102',
};

async function token(
  options: { claims?: JWTPayload; issuer?: string; audience?: string; expiresIn?: string; key?: CryptoKey } = {},
): Promise<string> {
  return new SignJWT(options.claims ?? KEYCLOAK_CLAIMS)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('f3a1c2d4-0001-4000-8000-000000000001')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(options.key ?? issuerKey);
}

function authorize(authorizationToken: string): Promise<APIGatewayAuthorizerResult> {
  return handler({ type: 'TOKEN', authorizationToken, methodArn: METHOD_ARN });
}

describe('staff authorizer', () => {
  it('allows a valid token for the whole API and hands the caller to the route', async () => {
    const result = await authorize(`Bearer ${await token()}`);
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws-cn:execute-api:cn-north-1:123456789012:abc123/v1/*' },
    ]);
    // What the route's function then reads (API Gateway passes the context as requestContext.authorizer).
    const caller = callerFromEvent({ requestContext: { authorizer: result.context } } as never);
    expect(caller).toEqual({
      staffId: 'f3a1c2d4-0001-4000-8000-000000000001',
      username: 'op-heping',
      roles: ['operator'],
      unionCode: '210102',
    });
  });

  it('takes the token without the Bearer prefix too', async () => {
    await expect(authorize(await token())).resolves.toMatchObject({ principalId: 'f3a1c2d4-0001-4000-8000-000000000001' });
  });

  it.each([
    ['expired', () => token({ expiresIn: '-5 minutes' })],
    ['of another issuer', () => token({ issuer: 'https://sso.other-union.cn/realms/weiquan' })],
    ['for another audience', () => token({ audience: 'some-other-app' })],
    ['signed by a key the issuer does not publish', () => token({ key: strangerKey })],
    ['not a token at all', async () => 'not-a-jwt'],
    ['empty', async () => ''],
  ])('refuses a token %s with 401 (Unauthorized)', async (_name, make) => {
    await expect(authorize(await make())).rejects.toThrow('Unauthorized');
  });

  it('refuses a token whose claims were altered after signing', async () => {
    const [header, payload, signature] = (await token()).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, union_code: '510000' })).toString('base64url');
    await expect(authorize(`${header}.${tampered}.${signature}`)).rejects.toThrow('Unauthorized');
  });

  it('accepts a clock a little behind the issuer (tolerance) but not a token from the future', async () => {
    const notYet = await new SignJWT(KEYCLOAK_CLAIMS)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('s')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setNotBefore('10 minutes')
      .setExpirationTime('1h')
      .sign(issuerKey);
    await expect(authorize(notYet)).rejects.toThrow('Unauthorized');
    await expect(authorize(await token({ expiresIn: '-30 seconds' }))).resolves.toMatchObject({
      principalId: expect.any(String),
    });
  });

  it.each([
    ['no Weiquan role', { ...KEYCLOAK_CLAIMS, realm_access: { roles: ['offline_access'] } }],
    ['no union code', { preferred_username: 'x', realm_access: { roles: ['lawyer'] } }],
    ['a malformed union code', { ...KEYCLOAK_CLAIMS, union_code: '2101' }],
  ])('denies (403) a valid token with %s', async (_name, claims) => {
    const result = await authorize(await token({ claims }));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toBeUndefined();
  });

  it('wholeApiArn keeps the API and stage, whatever the method and path', () => {
    expect(wholeApiArn('arn:aws:execute-api:us-east-1:1:api/v1/GET/cases/{caseId}/timeline')).toBe(
      'arn:aws:execute-api:us-east-1:1:api/v1/*',
    );
  });
});

describe('claim mappings', () => {
  it('reads Cognito ID tokens: groups and the custom union attribute', () => {
    const result = identityFromClaims(
      { sub: 's', 'cognito:username': 'zhao', 'cognito:groups': ['lawyer', 'Admins'], 'custom:union_code': '210103' },
      CLAIM_MAPPINGS.cognito,
    );
    expect(result).toEqual({ ok: true, identity: { staffId: 's', username: 'zhao', roles: ['lawyer'], unionCode: '210103' } });
  });

  it("renames an issuer's role names and accepts a space-separated claim", () => {
    const result = identityFromClaims(
      { sub: 's', groups: '12351-operator union-legal', org: { code: '511902' } },
      {
        role: 'groups',
        unionCode: 'org.code',
        username: 'preferred_username',
        roleNames: { '12351-operator': 'operator', 'union-legal': 'legal_admin' },
      },
    );
    expect(result).toEqual({
      ok: true,
      identity: { staffId: 's', username: 's', roles: ['operator', 'legal_admin'], unionCode: '511902' },
    });
  });

  it('refuses a token without a subject', () => {
    expect(identityFromClaims({ roles: ['operator'], union_code: '210102' }, CLAIM_MAPPINGS.standard)).toEqual({
      ok: false,
      reason: 'missing_subject',
    });
  });
});
