import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
import type { RouteEntry } from '../../functions/routes.js';
import { AppError, sameInEveryLanguage, type ErrorCode } from '../../shared/domain/errors.js';
import { isPublic } from '../../shared/http/contract.js';
import { corsSettingsFromEnv, preflightHeaders } from '../../shared/http/cors.js';
import { errorResponse } from '../../shared/http/response.js';
import { nameLogLinesBy } from '../../shared/observability/logger.js';
import type { Authorize } from './auth.js';
import type { StaticSite } from './static-site.js';
import { lambdaContext, proxyEvent } from './lambda-invocation.js';

/** API Gateway's own payload cap; the handlers enforce their much smaller limits. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
const REPO_ROOT = new URL('../../', import.meta.url);

interface CompiledRoute {
  readonly route: RouteEntry;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
}

function compile(route: RouteEntry): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.contract.path.replace(/[.*+?^${}()|[\]\\]/g, (character) =>
    character === '{' || character === '}' ? character : `\\${character}`,
  );
  const pattern = source.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${pattern}$`), parameterNames };
}

/** Loads each route's real handler module once, on first request. */
function handlerLoader() {
  const loaded = new Map<string, Promise<Handler<APIGatewayProxyEvent, APIGatewayProxyResult>>>();
  return (entry: string) => {
    let handler = loaded.get(entry);
    if (!handler) {
      const url = pathToFileURL(resolve(fileURLToPath(REPO_ROOT), entry)).href;
      handler = import(url).then((module: { handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> }) => module.handler);
      loaded.set(entry, handler);
    }
    return handler;
  };
}

/**
 * The route whose handler is running and its request id (the `x-request-id`
 * it answers with), for the whole of its invocation (awaited calls included).
 * In the cloud each function has its own IAM role and its own process; here
 * one process runs them all, so what observes the store from outside the
 * handlers reads whose call it is from here: the tests that check what a
 * route touches against its contract's grants (test/support/table-actions.ts),
 * the benchmark that times each request's wait on DynamoDB
 * (scripts/bench/throughput.ts), and the logger, which names each line's
 * request by it.
 */
export interface Invocation {
  readonly route: string;
  readonly requestId: string;
}
export const currentInvocation = new AsyncLocalStorage<Invocation>();

/** Runs `work` as an invocation of `name` with a request id of its own: a job, invoked outside the HTTP server. */
export function runAsInvocation<T>(name: string, work: () => Promise<T>): Promise<T> {
  return currentInvocation.run({ route: name, requestId: randomUUID() }, work);
}

export { FUNCTION_TIMEOUT_MS, lambdaContext } from './lambda-invocation.js';

function readBody(request: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(size > GATEWAY_MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  response.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/** API Gateway's own answers, as infra/error-responses.ts words them: one language, whoever asks. */
function gatewayError(code: ErrorCode, message: string, requestId: string): APIGatewayProxyResult {
  return errorResponse(new AppError(code, sameInEveryLanguage(message)), requestId, 'en');
}

/**
 * Something served beside the API on the same origin (the OpenID Connect
 * provider, the console's files): it answers the request and returns true, or
 * returns false to leave it to the route table.
 */
export type Interceptor = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** API Gateway decodes path parameters; a malformed escape is the caller's 400, not our 500. */
function decodePathParameters(names: readonly string[], match: RegExpExecArray): Record<string, string> | undefined {
  try {
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
  } catch {
    return undefined;
  }
}

/** A CORS preflight, answered as the stack's OPTIONS methods answer it (shared/http/cors.ts). */
function preflight(request: IncomingMessage, onPath: readonly RouteEntry[], requestId: string): APIGatewayProxyResult {
  const origin = request.headers.origin;
  const requested = request.headers['access-control-request-method'];
  const settings = corsSettingsFromEnv();
  const methods = onPath.map((route) => route.contract.method);
  // Every route on one path shares its audience (public or staff): the table keeps /public/* apart.
  const headers = preflightHeaders(
    origin,
    typeof requested === 'string' ? requested : undefined,
    methods,
    onPath[0]!.contract.access,
    settings,
  );
  // As API Gateway's mock answers: 204 either way, the browser refuses what carries no Allow-Origin.
  return { statusCode: 204, headers: headers ?? { vary: 'Origin', 'x-request-id': requestId }, body: '' };
}

export interface LocalServerOptions {
  readonly routes: readonly RouteEntry[];
  /** API Gateway's call to the staff authorizer (see auth.ts). */
  readonly authorize: Authorize;
  /**
   * Tried in order before the route table. A live list: the environment adds
   * the OpenID Connect provider once the port, and so the issuer URL, is known.
   */
  readonly interceptors?: Interceptor[];
  /** Called once per request with a one-line summary (no bodies, no tokens). */
  readonly log?: (line: string) => void;
  /**
   * How long an invocation may run, as the Lambda timeout does in the cloud.
   * Test harnesses that load DynamoDB Local with bursts raise it: the
   * emulator, not the code, is what is slow there.
   */
  readonly invocationBudgetMs?: number;
  /** The web console and H5 page, for paths no route claims. */
  readonly site?: StaticSite;
}

/**
 * The local stand-in for API Gateway: matches the route table's paths, runs
 * the Cognito authorizer emulation on staff routes, builds a REST-API-shaped
 * proxy event and invokes the route's real Lambda handler. Unknown paths get
 * 404 and known paths with another method 405, as the deployed API answers.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = options.routes.map(compile);
  // Requests overlap in this one process: each log line names its own invocation, not the last one to start.
  nameLogLinesBy(() => {
    const invocation = currentInvocation.getStore();
    return invocation && { functionName: invocation.route, requestId: invocation.requestId };
  });
  const loadHandler = handlerLoader();

  return createServer(async (request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    const method = (request.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return send(response, gatewayError('BAD_REQUEST', 'The request URL is malformed.', requestId));
    }
    const finish = (result: APIGatewayProxyResult) => {
      send(response, result);
      options.log?.(`${method} ${url.pathname} → ${result.statusCode} (${Math.round(performance.now() - started)} ms)`);
    };
    try {
      for (const intercept of options.interceptors ?? []) {
        if (await intercept(request, response)) {
          options.log?.(`${method} ${url.pathname} → ${response.statusCode} (${Math.round(performance.now() - started)} ms)`);
          return;
        }
      }
      const onPath = compiled
        .map((candidate) => ({ candidate, match: candidate.pattern.exec(url.pathname) }))
        .filter((hit) => hit.match);
      if (onPath.length === 0 && options.site?.(request, response, url.pathname)) return;
      if (onPath.length === 0) return finish(gatewayError('ROUTE_NOT_FOUND', `No route ${url.pathname}.`, requestId));
      if (method === 'OPTIONS')
        return finish(
          preflight(
            request,
            onPath.map(({ candidate }) => candidate.route),
            requestId,
          ),
        );
      const hit = onPath.find(({ candidate }) => candidate.route.contract.method === method);
      if (!hit || !hit.match) {
        const allowed = onPath.map(({ candidate }) => candidate.route.contract.method).join(', ');
        const result = gatewayError(
          'METHOD_NOT_ALLOWED',
          `${method} is not allowed on ${url.pathname}; use ${allowed}.`,
          requestId,
        );
        return finish({ ...result, headers: { ...result.headers, allow: allowed } });
      }
      const { contract, entry } = hit.candidate.route;

      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers[name] = value;
        else if (Array.isArray(value)) headers[name] = value.join(',');
      }
      const authorized = isPublic(contract.access) ? undefined : await options.authorize(headers.authorization);
      if (authorized?.effect === 'unauthorized') {
        return finish(gatewayError('UNAUTHENTICATED', 'Missing or invalid token.', requestId));
      }
      if (authorized?.effect === 'deny') {
        return finish(gatewayError('FORBIDDEN', 'Your account has no role in any union here.', requestId));
      }
      const body = await readBody(request);
      if (body === 'too_large') return finish(gatewayError('PAYLOAD_TOO_LARGE', 'The body exceeds 10 MB.', requestId));

      const pathParameters = decodePathParameters(hit.candidate.parameterNames, hit.match);
      if (!pathParameters)
        return finish(gatewayError('BAD_REQUEST', 'The request path is not valid percent-encoding.', requestId));
      // Query names are the caller's: `constructor` or `__proto__` must be plain keys, not Object.prototype's.
      const multiValueQuery: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      for (const [name, value] of url.searchParams) (multiValueQuery[name] ??= []).push(value);
      const event = proxyEvent({
        routeName: contract.name,
        resourcePath: contract.path,
        method,
        path: url.pathname,
        headers,
        multiValueQuery,
        pathParameters,
        body: body.byteLength > 0 ? body.toString('utf8') : null,
        authorizerContext: authorized?.effect === 'allow' ? authorized.context : undefined,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        requestId,
      });
      const handler = await loadHandler(entry);
      const context = lambdaContext(contract.name, requestId, options.invocationBudgetMs);
      const result = await currentInvocation.run({ route: contract.name, requestId }, () =>
        handler(event, context, () => undefined),
      );
      if (!result) throw new Error(`${contract.name} returned nothing`);
      return finish(result);
    } catch (error) {
      console.error(error);
      return finish(gatewayError('INTERNAL', 'Internal server error.', requestId));
    }
  });
}
