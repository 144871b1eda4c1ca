import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { currentSession } from '../auth/session';
import { ApiError } from './errors';
import type { components, paths } from './schema';

/**
 * The one API client, typed from docs/openapi.json (`npm run openapi`
 * regenerates schema.d.ts, so a changed route schema fails the console's
 * type check). It adds the ID token and turns every refusal into an ApiError.
 */
export type Schemas = components['schemas'];
export type CaseView = Schemas['Case'];
/** A case as lists, pools and transfer pages show it (GET /cases/{caseId} for the whole case). */
export type CaseRow = Schemas['CaseRow'];
export type TimelineEvent = Schemas['TimelineEvent'];
export type Alert = Schemas['Alert'];
export type RosterEntry = Schemas['RosterEntry'];
export type MonthlyReport = Schemas['MonthlyReport'];

type Listener = () => void;
const expiryListeners = new Set<Listener>();

/** Called when the API answers 401: the session ended (token expired or revoked). */
export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

const authorize: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.idToken}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) for (const listener of expiryListeners) listener();
    return response;
  },
};

let client: Client<paths> | undefined;

export function configureApi(baseUrl: string): void {
  client = createClient<paths>({ baseUrl });
  client.use(authorize);
}

export function api(): Client<paths> {
  if (!client) throw new Error('configureApi() first');
  return client;
}

/** The body of a success, or an ApiError with the API's own code, status and field details. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw ApiError.from(result.response.status, result.error);
}

/** A file the API serves (the report as CSV or Excel), with the session's token, saved under the server's name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const session = currentSession();
  const response = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.idToken}` } : {} });
  if (!response.ok) {
    if (response.status === 401) for (const listener of expiryListeners) listener();
    throw ApiError.from(response.status, await response.json().catch(() => undefined));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
