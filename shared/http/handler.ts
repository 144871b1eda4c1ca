import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { AppError } from '../domain/errors.js';
import { logger } from '../observability/logger.js';
import { takeConsumedCapacity } from '../store/capacity.js';
import type { RouteContract } from './contract.js';
import { corsHeaders, corsSettingsFromEnv } from './cors.js';
import { parseRequest, type ParsedRequest } from './request.js';
import { INTERNAL_ERROR_MESSAGE, errorResponse, jsonResponse } from './response.js';

export interface Reply {
  /** Defaults to the contract's success status. */
  readonly status?: number;
  /**
   * Checked against the route table's response schema by the end-to-end
   * tests. Served as-is when there is a content type (a Buffer base64-encoded,
   * as API Gateway expects binary), JSON-encoded otherwise.
   */
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** This reply's content type, for a route that answers in more than one (e.g. a report as JSON or as a file). */
  readonly contentType?: string;
}

type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>;

function requestIdOf(event: APIGatewayProxyEvent | undefined, context: Context): string {
  return event?.requestContext?.requestId || context.awsRequestId || '';
}

/** A browser on an allowed origin may read every answer, errors included (see cors.ts). */
function addCorsHeaders(
  request: { event: APIGatewayProxyEvent | undefined; response: APIGatewayProxyResult | undefined | null },
  contract: RouteContract,
): void {
  const headers = request.event?.headers ?? {};
  const origin = Object.entries(headers).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  const cors = corsHeaders(origin, contract.access, corsSettingsFromEnv());
  if (request.response && Object.keys(cors).length > 0) {
    request.response = { ...request.response, headers: { ...request.response.headers, ...cors } };
  }
}

/**
 * Runs first and last around every request: resets per-request state, and on
 * the way out (success or error) logs one line with the route, status and
 * DynamoDB request units consumed. Errors become the one error shape; only an
 * AppError's message reaches the client, anything else is a 500.
 */
function httpEdge(contract: RouteContract): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  const finish = (status: number, extra: Record<string, unknown> = {}) =>
    logger.info('request completed', {
      route: `${contract.method} ${contract.path}`,
      status,
      capacityUnits: takeConsumedCapacity(),
      ...extra,
    });
  return {
    before: async ({ context }) => {
      takeConsumedCapacity();
      logger.addContext(context);
    },
    after: async (request) => {
      addCorsHeaders(request, contract);
      finish(request.response?.statusCode ?? 0);
    },
    onError: async (request) => {
      const requestId = requestIdOf(request.event, request.context);
      const { error } = request;
      if (error instanceof AppError) {
        request.response = errorResponse(error, requestId);
        addCorsHeaders(request, contract);
        finish(error.status, { code: error.code });
        return;
      }
      if (error instanceof Error && error.name === 'TimeoutError') {
        // middy ends the invocation just before Lambda would: overload, not a bug. The work it cut off is not
        // cancelled: a write may have committed, so only a read may honestly say "busy, nothing happened".
        logger.error('request timed out', error);
        const timedOut = timeoutError(contract);
        request.response = errorResponse(timedOut, requestId);
        addCorsHeaders(request, contract);
        finish(503, { code: timedOut.code });
        return;
      }
      logger.error('unhandled error', error instanceof Error ? error : String(error));
      request.response = errorResponse(new AppError('INTERNAL', INTERNAL_ERROR_MESSAGE), requestId);
      addCorsHeaders(request, contract);
      finish(500, { code: 'INTERNAL' });
    },
  };
}

/** What a request cut off by the timeout is told (see OUTCOME_UNKNOWN). */
function timeoutError(contract: RouteContract): AppError {
  const retryAfter = { 'Retry-After': '2' };
  if (contract.method === 'GET')
    return new AppError('BUSY', 'The service is busy; try again in a moment.', undefined, retryAfter);
  return new AppError(
    'OUTCOME_UNKNOWN',
    'The request took too long to answer and may or may not have taken effect. Retry with the same Idempotency-Key, ' +
      'or check (e.g. look the caller or the case up) before repeating it.',
    undefined,
    retryAfter,
  );
}

/**
 * A Lambda handler for one route: validates the request against the route's
 * contract, calls `act`, and shapes the JSON response. Handlers stay thin:
 * parse → one use-case call → reply.
 */
export function httpHandler<C extends RouteContract>(
  contract: C,
  act: (request: ParsedRequest<C>, context: Context) => Promise<Reply>,
): ApiHandler {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(httpEdge(contract))
    .handler(async (event, context) => {
      const request = parseRequest(contract, event);
      const reply = await act(request, context);
      const requestId = requestIdOf(event, context);
      const status = reply.status ?? contract.response.status;
      const contentType = reply.contentType ?? contract.response.contentType;
      if (contentType) {
        const { body } = reply;
        const binary = Buffer.isBuffer(body);
        return {
          statusCode: status,
          headers: { 'content-type': contentType, 'x-request-id': requestId, ...reply.headers },
          body: binary ? body.toString('base64') : typeof body === 'string' ? body : JSON.stringify(body),
          ...(binary ? { isBase64Encoded: true } : {}),
        };
      }
      return jsonResponse(status, reply.body, requestId, reply.headers);
    });
}
