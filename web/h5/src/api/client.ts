import createClient from 'openapi-fetch';
import type { paths } from '../../../src/api/schema';
import type { ApiErrorBody, Failure, FieldIssue } from './types';

export type { FiledComplaint, FileComplaintRequest, PublicCase } from './types';

/**
 * Where the API is. Under `npm start` (and in the browser test) the page and
 * the API share an origin, so paths stay relative. A deployment whose API lives
 * elsewhere writes `/h5/config.json` with `apiBaseUrl` (the stack does).
 */
async function apiBaseUrl(): Promise<string> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
    if (!response.ok) return '';
    const config = (await response.json()) as { apiBaseUrl?: unknown };
    return typeof config.apiBaseUrl === 'string' ? config.apiBaseUrl.replace(/\/$/, '') : '';
  } catch {
    return '';
  }
}

let client: Promise<ReturnType<typeof createClient<paths>>> | undefined;

export function api() {
  client ??= apiBaseUrl().then((baseUrl) => createClient<paths>({ baseUrl: baseUrl || window.location.origin }));
  return client;
}

/** A failed call: the API's error body, or none when the network failed. */
export class ApiFailure extends Error implements Failure {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(body?.error.code ?? `HTTP ${status}`);
  }

  get code(): string {
    return this.body?.error.code ?? (this.status === 0 ? 'NETWORK' : 'UNKNOWN');
  }

  get issues(): FieldIssue[] {
    return this.body?.error.details ?? [];
  }
}

/** Unwraps an openapi-fetch answer: its data, or an ApiFailure (status 0 when the request never arrived). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiFailure(0, undefined, undefined);
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const retryAfter = Number(response.headers.get('retry-after'));
  const body = isErrorBody(error) ? error : undefined;
  throw new ApiFailure(response.status, body, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'object';
}
