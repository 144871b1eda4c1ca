import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DemoUser } from '../../scripts/local/demo-data.js';
import { lambdaContext } from '../../scripts/local/server.js';

/** Claims as API Gateway's Cognito authorizer passes them (every value a string). */
export function claimsOf(user: DemoUser): Record<string, string> {
  return {
    sub: user.sub,
    'cognito:username': user.username,
    'cognito:groups': `[${user.role}]`,
    'custom:union_code': user.unionCode,
    token_use: 'id',
  };
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
      authorizer: options.user ? { claims: claimsOf(options.user) } : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

type Invokable = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export async function invoke(handler: Invokable, event: APIGatewayProxyEvent) {
  const result = await handler(event, lambdaContext('test', 'test-request'));
  return { status: result.statusCode, headers: result.headers ?? {}, body: JSON.parse(result.body) as Record<string, any> };
}
