import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { ErrorCode } from '../shared/domain/errors.js';

/**
 * Errors API Gateway answers itself (before or instead of a handler), in the
 * project's one error shape: `{ "error": { "code", "message", "requestId" } }`.
 * The codes are those of shared/domain/errors.ts (typed, so they cannot drift).
 */

/** A VTL body in the error shape; `message` is a JSON string literal or a VTL expression producing one. */
function vtlErrorBody(code: ErrorCode, messageJson: string): string {
  return `{"error":{"code":${JSON.stringify(code)},"message":${messageJson},"requestId":"$context.requestId"}}`;
}

export function errorBody(code: ErrorCode, message: string): string {
  return vtlErrorBody(code, JSON.stringify(message));
}

export interface GatewayError {
  readonly type: apigateway.ResponseType;
  /** Overrides the gateway's status; undefined keeps it. */
  readonly statusCode?: string;
  readonly code: ErrorCode;
  /** JSON string literal or VTL yielding one. */
  readonly messageJson: string;
  readonly headers?: Record<string, string>;
}

export const GATEWAY_ERRORS: readonly GatewayError[] = [
  {
    type: apigateway.ResponseType.UNAUTHORIZED,
    statusCode: '401',
    code: 'UNAUTHENTICATED',
    messageJson: JSON.stringify('Sign in first: the request needs a valid token in the Authorization header.'),
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  {
    type: apigateway.ResponseType.ACCESS_DENIED,
    statusCode: '403',
    code: 'FORBIDDEN',
    messageJson: JSON.stringify('You are not allowed to do this.'),
  },
  {
    // API Gateway's answer for a path no resource matches.
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    statusCode: '404',
    code: 'ROUTE_NOT_FOUND',
    messageJson: JSON.stringify('No route matches this path.'),
  },
  {
    type: apigateway.ResponseType.REQUEST_TOO_LARGE,
    statusCode: '413',
    code: 'PAYLOAD_TOO_LARGE',
    messageJson: JSON.stringify('The request is too large.'),
  },
  {
    type: apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE,
    statusCode: '415',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    messageJson: JSON.stringify('This content type is not supported; send application/json.'),
  },
  {
    type: apigateway.ResponseType.THROTTLED,
    statusCode: '429',
    code: 'TOO_MANY_REQUESTS',
    messageJson: JSON.stringify('Too many requests; try again shortly.'),
  },
  {
    type: apigateway.ResponseType.QUOTA_EXCEEDED,
    statusCode: '429',
    code: 'TOO_MANY_REQUESTS',
    messageJson: JSON.stringify('Too many requests; try again later.'),
  },
  {
    type: apigateway.ResponseType.WAF_FILTERED,
    statusCode: '403',
    code: 'FORBIDDEN',
    messageJson: JSON.stringify('The request was blocked by the firewall.'),
  },
  {
    // Whatever 4xx remains keeps its status; API Gateway's own short message is safe to show.
    type: apigateway.ResponseType.DEFAULT_4XX,
    code: 'BAD_REQUEST',
    messageJson: '$context.error.messageString',
  },
  {
    type: apigateway.ResponseType.DEFAULT_5XX,
    statusCode: '500',
    code: 'INTERNAL',
    messageJson: JSON.stringify('Something went wrong on our side. Quote the request id when reporting it.'),
  },
];

/**
 * `reflectOrigin`: when browsers on other origins call the API, API Gateway's
 * own answers (401 from the authorizer, 403 from WAF, 429 …) must be readable
 * by them too, or the console sees a CORS failure instead of "sign in again".
 * The response's origin is the request's: these answers carry no data, and
 * the lists of allowed origins are enforced where data is (preflight, handlers).
 */
export function addGatewayErrorResponses(api: apigateway.RestApi, options: { reflectOrigin: boolean }): void {
  const cors: Record<string, string> = options.reflectOrigin
    ? { 'Access-Control-Allow-Origin': 'method.request.header.origin', Vary: "'Origin'" }
    : {};
  for (const error of GATEWAY_ERRORS) {
    api.addGatewayResponse(`GatewayResponse-${error.type.responseType}`, {
      type: error.type,
      ...(error.statusCode ? { statusCode: error.statusCode } : {}),
      responseHeaders: { 'Content-Type': "'application/json'", ...error.headers, ...cors },
      templates: { 'application/json': vtlErrorBody(error.code, error.messageJson) },
    });
  }
}
