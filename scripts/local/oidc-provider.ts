import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_USERS } from './demo-data.js';
import {
  CONSOLE_CLIENT_ID,
  CONSOLE_SCOPES,
  DEMO_PASSWORD,
  ID_TOKEN_TTL_SECONDS,
  OIDC_PATH,
  demoClaims,
  localIssuer,
} from './oidc-settings.js';
import { localSecrets } from './secrets.js';

/**
 * A real OpenID Connect provider for `npm start` (the `oidc-provider`
 * package), so that the console signs in locally exactly as it will against
 * Cognito or a union's Keycloak: discovery, authorization code with PKCE,
 * ID tokens signed by a key published at the JWKS endpoint. It knows the demo
 * users; its keys are the local secrets `npm run token` signs with, so a token
 * printed by that command is one this provider could have issued.
 */
export interface LocalOidc {
  readonly issuer: string;
  /** Handles the request if it is the provider's (under /oidc); false otherwise. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

export interface LocalOidcOptions {
  /** Where the API and the console are served, e.g. http://localhost:3000. */
  readonly origin: string;
  /** Further origins a console may run on (e.g. Vite's dev server), for redirects. */
  readonly extraConsoleOrigins?: readonly string[];
}

export async function createLocalOidc(options: LocalOidcOptions): Promise<LocalOidc> {
  const { signingKey, phoneHashKey } = await localSecrets();
  const issuer = localIssuer(options.origin);
  const consoleOrigins = [options.origin, ...(options.extraConsoleOrigins ?? [])];
  const configuration: Configuration = {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: consoleOrigins.map((origin) => `${origin}/auth/callback`),
        post_logout_redirect_uris: consoleOrigins.map((origin) => `${origin}/`),
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...signingKey.privateJwk, kid: 'weiquan-local', alg: 'ES256', use: 'sig' }] },
    // Derived from a local secret so sessions survive a restart with --persist; never used in the cloud.
    cookies: { keys: [createHash('sha256').update(`oidc-cookies:${phoneHashKey}`).digest('base64url')] },
    scopes: ['openid', 'profile', 'weiquan'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], weiquan: ['roles', 'union_code'] },
    // Put the profile and Weiquan claims in the ID token itself (it is what the API takes), as Cognito does.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // The console calls the token endpoint from the browser: only from its own origins.
    clientBasedCORS: (_context, origin) => consoleOrigins.includes(origin),
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    ttl: {
      IdToken: ID_TOKEN_TTL_SECONDS,
      AccessToken: ID_TOKEN_TTL_SECONDS,
      Session: 12 * 3600,
      Interaction: 3600,
      Grant: 12 * 3600,
    },
    interactions: { url: (_context, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}` },
    findAccount: (_context, sub) => {
      const user = DEMO_USERS.find((candidate) => candidate.sub === sub);
      return user ? { accountId: sub, claims: () => demoClaims(user) } : undefined;
    },
    // The console is the union's own first-party client: no consent screen.
    loadExistingGrant: async (context: KoaContextWithOIDC) => {
      const { client, session, provider } = context.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = context.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(CONSOLE_SCOPES);
      await grant.save();
      return grant;
    },
    renderError: (context, out) => {
      context.type = 'html';
      context.body = page(
        '登录出错',
        `<h1>登录出错</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="/">返回首页</a></p>`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const interaction = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(path);
    if (!match) return void respond(response, 404, page('未找到', '<h1>未找到</h1>'));
    if (request.method === 'GET' && !match[2]) {
      await provider.interactionDetails(request, response);
      return void respond(response, 200, loginPage(match[1]!));
    }
    if (request.method === 'POST' && match[2] === '/login') {
      const form = new URLSearchParams(await readText(request));
      const user = DEMO_USERS.find((candidate) => candidate.username === form.get('username')?.trim());
      if (!user || !samePassword(form.get('password') ?? '')) {
        await provider.interactionDetails(request, response);
        return void respond(response, 401, loginPage(match[1]!, '用户名或密码不正确。', form.get('username') ?? ''));
      }
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    if (request.method === 'GET' && match[2] === '/abort') {
      return provider.interactionFinished(request, response, { error: 'access_denied', error_description: '已取消登录' });
    }
    respond(response, 405, page('不支持', '<h1>不支持的请求</h1>'));
  };

  return {
    issuer,
    async handle(request, response) {
      const url = request.url ?? '/';
      if (url !== OIDC_PATH && !url.startsWith(`${OIDC_PATH}/`) && !url.startsWith(`${OIDC_PATH}?`)) return false;
      const inner = url.slice(OIDC_PATH.length) || '/';
      try {
        if (inner.startsWith('/interaction/')) {
          await interaction(request, response, inner.split('?')[0]!);
        } else {
          // oidc-provider learns its mount path from originalUrl, as under Express's app.use('/oidc', …).
          Object.assign(request, { originalUrl: url });
          request.url = inner;
          await callback(request, response);
        }
      } catch (error) {
        respond(
          response,
          400,
          page('登录出错', `<h1>登录出错</h1><p>${escapeHtml((error as Error).message)}</p><p><a href="/">返回首页</a></p>`),
        );
      }
      return true;
    },
  };
}

function samePassword(candidate: string): boolean {
  const expected = createHash('sha256').update(DEMO_PASSWORD).digest();
  return timingSafeEqual(createHash('sha256').update(candidate).digest(), expected);
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= 8192) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function respond(response: ServerResponse, status: number, html: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function loginPage(uid: string, error?: string, username = ''): string {
  const users = DEMO_USERS.map(
    (user) => `<li><code>${escapeHtml(user.username)}</code> ${escapeHtml(user.displayName)}</li>`,
  ).join('');
  return page(
    '登录 · 维权 工会法律援助',
    `<main>
      <h1>维权 · 工会法律援助平台</h1>
      <p class="lead">工作人员登录（本地演示身份提供方）</p>
      ${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''}
      <form method="post" action="${OIDC_PATH}/interaction/${escapeHtml(uid)}/login" autocomplete="off">
        <label for="username">用户名</label>
        <input id="username" name="username" required autofocus value="${escapeHtml(username)}">
        <label for="password">密码</label>
        <input id="password" name="password" type="password" required>
        <button type="submit">登录</button>
      </form>
      <p><a href="${OIDC_PATH}/interaction/${escapeHtml(uid)}/abort">取消</a></p>
      <details><summary>演示账号（密码均为 <code>${DEMO_PASSWORD}</code>）</summary><ul>${users}</ul></details>
    </main>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f0f2f5;margin:0;color:#1f1f1f}
main{max-width:380px;margin:8vh auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 4px;color:#b71c1c}.lead{color:#595959;margin:0 0 24px}
label{display:block;margin:16px 0 6px;font-weight:600}input{width:100%;box-sizing:border-box;padding:10px;font-size:16px;border:1px solid #8c8c8c;border-radius:6px}
button{margin-top:24px;width:100%;padding:12px;font-size:16px;background:#b71c1c;color:#fff;border:0;border-radius:6px;cursor:pointer}
.error{color:#a8071a;background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px;border-radius:6px}
a{color:#0958d9}details{margin-top:16px;color:#595959}code{font-size:14px}
</style></head><body>${body}</body></html>`;
}
