import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONSOLE_CLIENT_ID, CONSOLE_SCOPES, localIssuer } from './oidc-settings.js';

/** What the console reads at start-up (the contract's /config.json); in the cloud the same file sits beside the bundle. */
export interface ConsoleConfig {
  readonly apiBaseUrl: string;
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string };
}

export interface StaticSiteOptions {
  /** The built web app (web/dist). */
  readonly root: string;
  /** Built per request: the local origin is known only once the server listens. */
  readonly config: () => ConsoleConfig;
}

/** Serves the site for one request; false when the request is not the site's (the API then answers 404 JSON). */
export type StaticSite = (request: IncomingMessage, response: ServerResponse, pathname: string) => boolean;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The staff console (and the workers' H5 page under /h5/) from the API's own
 * origin, as a CDN would serve them in the cloud. The route table is asked
 * first (server.ts), so API paths always win; here only GET/HEAD of built
 * files, `/config.json`, and the single-page fallback to index.html for
 * browser navigations (Accept: text/html). Anything else is not the site's.
 */
export function createStaticSite(options: StaticSiteOptions): StaticSite {
  const root = normalize(options.root).replace(/[\/]+$/, '');
  const fileAt = (pathname: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined; // a malformed escape names no file: the route table answers 404, not a 500
    }
    const path = normalize(join(root, decoded));
    if (path !== root && !path.startsWith(root + sep)) return undefined; // no way out of the site
    return existsSync(path) && statSync(path).isFile() ? path : undefined;
  };
  const sendFile = (response: ServerResponse, path: string, headOnly: boolean, cache: string) => {
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      // Vite names built assets by content hash: they never change; pages must be re-read.
      'cache-control': cache,
    });
    if (headOnly) response.end();
    else createReadStream(path).pipe(response);
  };

  return (request, response, pathname) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const headOnly = method === 'HEAD';
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(headOnly ? undefined : JSON.stringify(options.config()));
      return true;
    }
    const file = pathname.endsWith('/') ? undefined : fileAt(pathname);
    if (file) {
      sendFile(response, file, headOnly, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return true;
    }
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    const page = pathname === '/h5' || pathname.startsWith('/h5/') ? fileAt('/h5/index.html') : fileAt('/index.html');
    if (!page) return false;
    sendFile(response, page, headOnly, 'no-cache');
    return true;
  };
}

/** The local values of the sign-in contract: the API and its OpenID provider on the same origin. */
export function localConsoleConfig(origin: string): ConsoleConfig {
  return {
    apiBaseUrl: origin,
    oidc: { authority: localIssuer(origin), clientId: CONSOLE_CLIENT_ID, scope: CONSOLE_SCOPES },
  };
}
