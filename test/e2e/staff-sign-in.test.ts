import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../scripts/local/auth.js';
import { CONSOLE_CLIENT_ID, DEMO_PASSWORD, localIssuer } from '../../scripts/local/oidc-settings.js';
import { demo } from '../support/fixtures.js';
import { forgedToken } from '../support/forged-token.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

/**
 * Staff sign-in under `npm start` as the console does it: discovery, the
 * authorization code flow with PKCE through the local OpenID Connect
 * provider's login page, and the ID token on an API call; plus the tokens
 * the authorizer must refuse.
 */
let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi();
});

afterAll(async () => {
  await api?.stop();
});

/** A browser's cookie jar, enough for the provider's session and interaction cookies. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!, value.join('='));
    }
    return response;
  }

  /** Follows redirects until one leaves for `stopAt` (the console's callback) or a page answers. */
  async follow(url: string, stopAt: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let response = await this.go(url, init);
    let at = url;
    while (response.status >= 300 && response.status < 400) {
      at = new URL(response.headers.get('location')!, at).href;
      if (at.startsWith(stopAt)) break;
      response = await this.go(at);
    }
    return { response, url: at };
  }
}

async function signIn(username: string, password: string) {
  const discovery = (await (await fetch(`${api.baseUrl}/oidc/.well-known/openid-configuration`)).json()) as Record<
    string,
    string
  >;
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${api.baseUrl}/auth/callback`;
  const state = randomBytes(8).toString('hex');
  const authorize = new URL(discovery.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: CONSOLE_CLIENT_ID,
    response_type: 'code',
    scope: 'openid profile weiquan',
    redirect_uri: redirectUri,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const browser = new Browser();
  const loginPage = await browser.follow(authorize.href, redirectUri);
  const html = await loginPage.response.text();
  const action = /action="([^"]+)"/.exec(html)?.[1];
  const afterLogin = await browser.follow(new URL(action!, api.baseUrl).href, redirectUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  return { discovery, html, afterLogin, redirectUri, state, verifier };
}

/** The console's side of the code flow: the code and its PKCE verifier for tokens. */
function exchange(tokenEndpoint: string, code: string, redirectUri: string, verifier: string): Promise<Response> {
  return fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: CONSOLE_CLIENT_ID,
      code_verifier: verifier,
    }).toString(),
  });
}

describe('staff sign-in through the local OpenID Connect provider', () => {
  it('serves discovery for the issuer the API trusts', async () => {
    const response = await fetch(`${api.baseUrl}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: localIssuer(api.baseUrl),
      authorization_endpoint: `${api.baseUrl}/oidc/auth`,
      token_endpoint: `${api.baseUrl}/oidc/token`,
      jwks_uri: `${api.baseUrl}/oidc/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('signs a lawyer in with code + PKCE; the ID token opens the API as that lawyer', async () => {
    const { html, afterLogin, redirectUri, state, verifier, discovery } = await signIn('lawyer-heping', DEMO_PASSWORD);
    expect(html).toContain('用户名');
    expect(html).toContain('密码');
    const callback = new URL(afterLogin.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code')!;

    const tokenResponse = await exchange(discovery.token_endpoint!, code, redirectUri, verifier);
    expect(tokenResponse.status).toBe(200);
    const { id_token: idToken } = (await tokenResponse.json()) as { id_token: string };
    expect(decodeJwt(idToken)).toMatchObject({
      iss: localIssuer(api.baseUrl),
      aud: CONSOLE_CLIENT_ID,
      sub: demo('lawyer-heping').sub,
      roles: ['lawyer'],
      union_code: '210102',
    });

    // A lawyer may read the pool but not register cases: the API decides from the token.
    const pool = await api.request('GET', '/pool', { headers: { authorization: `Bearer ${idToken}` } });
    expect(pool.status).toBe(200);
    const register = await api.request('POST', '/cases', { headers: { authorization: `Bearer ${idToken}` }, body: {} });
    expect(register.status).toBe(403);
  });

  it('refuses a code exchanged without its PKCE verifier', async () => {
    const { afterLogin, redirectUri, discovery } = await signIn('op-heping', DEMO_PASSWORD);
    const code = new URL(afterLogin.url).searchParams.get('code')!;
    const tokenResponse = await exchange(discovery.token_endpoint!, code, redirectUri, randomBytes(32).toString('base64url'));
    expect(tokenResponse.status).toBe(400);
  });

  it('keeps the login page with a Chinese message on a wrong password', async () => {
    const { afterLogin } = await signIn('op-heping', 'wrong-password');
    expect(afterLogin.response.status).toBe(401);
    expect(await afterLogin.response.text()).toContain('用户名或密码不正确');
  });

  it('accepts a token from `npm run token` and refuses one signed by another key (401)', async () => {
    const operator = demo('op-heping');
    const good = await api.request('GET', '/cases', { headers: { authorization: await signLocalToken(operator, api.baseUrl) } });
    expect(good.status).toBe(200);

    const forged = await forgedToken(api.baseUrl, operator.sub, { roles: ['legal_admin'], union_code: '210000' });
    const refused = await api.request('GET', '/cases', { headers: { authorization: `Bearer ${forged}` } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
  });
});
