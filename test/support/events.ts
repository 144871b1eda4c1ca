import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { authorizerContext } from '../../shared/auth/staff-claims.js';
import { lambdaContext } from '../../scripts/local/server.js';

/** The staff authorizer's context as API Gateway passes it to a route's function. */
export function authorizerContextOf(user: DemoUser): Record<string, string> {
  return authorizerContext({ staffId: user.sub, username: user.username, roles: [user.role], unionCode: user.unionCode });
}

export interface EventOptions {
  readonly method?: string;
  readonly path?: string;
  readonly resource?: string;
  readonly user?: DemoUser;
  readonly body?: unknown;
  /** Sent as-is, not JSON-encoded (for malformed-input tests). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
}

/** A REST API (v1) proxy event like API Gateway sends. */
export function apiEvent(options: EventOptions = {}): APIGatewayProxyEvent {
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
  const headers = { ...(body !== null ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
  return {
    resource: options.resource ?? options.path ?? '/',
    path: options.path ?? '/',
    httpMethod: options.method ?? 'GET',
    headers,
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([name, value]) => [name, [value]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'test-request',
      authorizer: options.user ? authorizerContextOf(options.user) : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

type Invokable = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export async function invoke(handler: Invokable, event: APIGatewayProxyEvent) {
  const result = await handler(event, lambdaContext('test', 'test-request'));
  return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body) as Record<string, any> };
}
