import { isPublic, type Access } from './contract.js';

/**
 * Cross-origin access, configured per deployment: the union's web and WeChat
 * H5 pages (their own origins) may call the public routes; the staff console
 * (its origin) may call the staff routes. API Gateway answers preflights in
 * the cloud and the local server answers them under `npm start`, both from
 * these lists; the route's function adds the headers to its answers.
 */
export interface CorsSettings {
  readonly publicOrigins: readonly string[];
  readonly staffOrigins: readonly string[];
}

export const CORS_ENV = { publicOrigins: 'CORS_PUBLIC_ORIGINS', staffOrigins: 'CORS_STAFF_ORIGINS' } as const;

/** Request headers a browser may send: the ones the routes read. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Access-Code',
  'Accept-Language',
] as const;
/** Response headers a browser may read besides the simple ones. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'Content-Disposition', 'Allow'] as const;
/** Seconds a browser may reuse a preflight answer (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 600;

export function corsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CorsSettings {
  const list = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
  return { publicOrigins: list(CORS_ENV.publicOrigins), staffOrigins: list(CORS_ENV.staffOrigins) };
}

export function originsFor(access: Access, settings: CorsSettings): readonly string[] {
  return isPublic(access) ? settings.publicOrigins : settings.staffOrigins;
}

/** Headers for an answer to a request from `origin`; none when the origin is not allowed for the route. */
export function corsHeaders(origin: string | undefined, access: Access, settings: CorsSettings): Record<string, string> {
  if (!origin || !originsFor(access, settings).includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
    vary: 'Origin',
  };
}

/** The answer to a preflight for a path whose routes allow `methods`; undefined when it is not allowed. */
export function preflightHeaders(
  origin: string | undefined,
  requestedMethod: string | undefined,
  methods: readonly string[],
  access: Access,
  settings: CorsSettings,
): Record<string, string> | undefined {
  if (!origin || !originsFor(access, settings).includes(origin)) return undefined;
  if (!requestedMethod || !methods.includes(requestedMethod.toUpperCase())) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    vary: 'Origin',
  };
}
