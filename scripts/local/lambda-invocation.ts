import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/**
 * What API Gateway and the Lambda runtime hand a route's handler: the REST
 * proxy event and the invocation context. The local server builds each
 * request's invocation here, and so does `npm run measure:functions`, which
 * invokes one function's deployed bundle per process. Types only: a child
 * process importing this loads nothing of ours beyond these two functions.
 */

/** The deployed route functions' timeout (infra/route-function.ts): an invocation's budget unless told otherwise. */
export const FUNCTION_TIMEOUT_MS = 10_000;

export function lambdaContext(functionName: string, requestId: string, budgetMs = FUNCTION_TIMEOUT_MS): Context {
  const deadline = Date.now() + budgetMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface ProxyRequest {
  /** The route's name (API Gateway's resource id here) and path template. */
  readonly routeName: string;
  readonly resourcePath: string;
  readonly method: string;
  /** The request path as sent, e.g. `/cases/…/claim`. */
  readonly path: string;
  readonly headers: Record<string, string>;
  /** Every value of each query parameter, in order. */
  readonly multiValueQuery: Record<string, string[]>;
  /** Decoded path parameters by name. */
  readonly pathParameters: Record<string, string>;
  readonly body: string | null;
  /** The authorizer's context for a staff route; undefined on public routes. */
  readonly authorizerContext: Readonly<Record<string, string>> | undefined;
  readonly sourceIp: string;
  readonly requestId: string;
}

/** A REST-API-shaped proxy event, as API Gateway builds it for a Lambda proxy integration. */
export function proxyEvent(request: ProxyRequest): APIGatewayProxyEvent {
  const { headers, multiValueQuery, pathParameters } = request;
  const hasQuery = Object.keys(multiValueQuery).length > 0;
  return {
    resource: request.resourcePath,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(multiValueQuery).map(([name, values]) => [name, values.at(-1)!]))
      : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    stageVariables: null,
    // API Gateway REST passes text bodies as they came (no binary media types are configured).
    body: request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: request.authorizerContext ? { ...request.authorizerContext } : null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp } as APIGatewayProxyEvent['requestContext']['identity'],
      path: request.path,
      stage: 'local',
      requestId: request.requestId,
      requestTimeEpoch: Date.now(),
      resourceId: request.routeName,
      resourcePath: request.resourcePath,
    },
  };
}
