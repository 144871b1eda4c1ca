import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite } from '../../scripts/local/static-site.js';
import { startLocalApi, type LocalApi } from '../support/local-api.js';

describe('the web console served beside the API', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(async () => api.stop());

  it('serves /config.json with the local sign-in contract', async () => {
    const response = await api.request('GET', '/config.json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      apiBaseUrl: api.baseUrl,
      oidc: { authority: `${api.baseUrl}/oidc`, clientId: 'weiquan-console', scope: 'openid profile weiquan' },
    });
  });

  it('leaves the route table first: an API path answers JSON even to a browser navigation', async () => {
    const response = await api.request('GET', '/cases', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the 404 JSON for unknown paths a program asks for', async () => {
    const response = await api.request('GET', '/no-such-route', { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('static files and the single-page fallback', () => {
  let root: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'weiquan-site-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, 'h5'));
    writeFileSync(join(root, 'index.html'), '<p>console</p>');
    writeFileSync(join(root, 'h5/index.html'), '<p>h5</p>');
    writeFileSync(join(root, 'assets/app-1234.js'), 'console.log(1)');
    const site = createStaticSite({ root, config: () => ({ apiBaseUrl: '', oidc: { authority: '', clientId: '', scope: '' } }) });
    server = createServer((request, response) => {
      if (!site(request, response, new URL(request.url ?? '/', 'http://x').pathname)) response.writeHead(404).end('not the site');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true });
  });

  const get = (path: string, accept = 'text/html') => fetch(`${base}${path}`, { headers: { accept } });

  it('serves built assets, cached for good (their names carry a content hash)', async () => {
    const response = await get('/assets/app-1234.js', '*/*');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a browser navigation to a screen with the console, and /h5/ paths with the H5 page', async () => {
    expect(await (await get('/case/4639e731-1cdd-4ab4-8806-3a1fcdfe6869')).text()).toBe('<p>console</p>');
    expect(await (await get('/h5/status')).text()).toBe('<p>h5</p>');
  });

  it('does not answer what is not a page or a file, nor escape its folder', async () => {
    expect((await get('/case/x', 'application/json')).status).toBe(404);
    expect((await get('/../package.json', '*/*')).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/etc/passwd', '*/*')).status).toBe(404);
  });
});
