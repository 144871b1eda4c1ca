import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { AppError, type Phrase } from '../domain/errors.js';
import { logger } from '../observability/logger.js';
import { currentCapacityTally, withCapacityTally } from '../observability/consumed-capacity.js';
import { isPublic, type RouteContract } from './contract.js';
import { corsHeaders, corsSettingsFromEnv } from './cors.js';
import { parseRequest, type ParsedRequest } from './request.js';
import { isDependencyUnavailable, mayHaveTakenEffect } from './unavailable.js';
import { INTERNAL_ERROR_MESSAGE, errorResponse, jsonResponse } from './response.js';
import { statusOf } from './error-status.js';
import { answerLanguage, headerValue } from './language.js';

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

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function requestIdOf(event: APIGatewayProxyEvent | undefined, context: Context): string {
  return event?.requestContext?.requestId || context.awsRequestId || '';
}

/** A browser on an allowed origin may read every answer, errors included (see cors.ts). */
function addCorsHeaders(
  request: { event: APIGatewayProxyEvent | undefined; response: APIGatewayProxyResult | undefined | null },
  contract: RouteContract,
): void {
  const origin = headerValue(request.event?.headers, 'origin');
  const cors = corsHeaders(origin, contract.access, corsSettingsFromEnv());
  if (request.response && Object.keys(cors).length > 0) {
    request.response = { ...request.response, headers: { ...request.response.headers, ...cors } };
  }
}

/** 503s the client should retry: what they say to staff (in their language) and to workers on the public routes. */
const RETRY_LATER = {
  BUSY: {
    staff: { zh: '系统繁忙，请稍后再试。', en: 'The service is busy; try again in a moment.' },
    public: { zh: '系统繁忙，请稍后再试。', en: 'The service is busy; try again in a moment.' },
  },
  STORE_UNAVAILABLE: {
    staff: {
      zh: '数据存储繁忙或无法访问，请稍后再试。',
      en: 'The data store is overloaded or out of reach; try again in a moment.',
    },
    public: {
      zh: '系统暂时无法处理您的请求，请稍后再试。',
      en: 'The service cannot handle your request right now; try again later.',
    },
  },
  OUTCOME_UNKNOWN: {
    staff: {
      zh: '请求处理超时，可能已经生效，也可能没有。请用同一个 Idempotency-Key 重试，或先查询（如按来电号码查找案件）确认后再提交。',
      en:
        'The request took too long to answer and may or may not have taken effect. Retry with the same Idempotency-Key, ' +
        'or check (e.g. look the caller or the case up) before repeating it.',
    },
    public: {
      zh: '请求处理超时，可能已经提交成功。请稍后用同一页面重新提交，系统不会重复登记。',
      en: 'The request timed out and may have been submitted. Submit again later from the same page; it will not be registered twice.',
    },
  },
} as const satisfies Record<string, { staff: Phrase; public: Phrase }>;

/** Seconds a client should wait before retrying a 503 the edge answers. */
const RETRY_AFTER_SECONDS = 2;

function retryLater(code: keyof typeof RETRY_LATER, contract: RouteContract): AppError {
  const message = RETRY_LATER[code][isPublic(contract.access) ? 'public' : 'staff'];
  return new AppError(code, message, undefined, RETRY_AFTER_SECONDS);
}

/** middy ends an invocation just before Lambda would, with an error named TimeoutError whose cause names middy. */
function isInvocationTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TimeoutError' &&
    (error.cause as { package?: unknown } | undefined)?.package === '@middy/core'
  );
}

/**
 * The error as the client hears it. An AppError is meant; running out of time
 * or a store that throttles or cannot be reached is overload, a 503 to retry;
 * anything else is a bug, a 500 without internals.
 */
function answerableError(error: unknown, contract: RouteContract): AppError {
  if (error instanceof AppError) return error;
  if (isInvocationTimeout(error)) {
    logger.error('request timed out', error as Error);
    // The work cut off is not cancelled: a write may have committed, so only a read may honestly say "busy".
    return retryLater(contract.method === 'GET' ? 'BUSY' : 'OUTCOME_UNKNOWN', contract);
  }
  if (isDependencyUnavailable(error)) {
    logger.error('store unavailable', error instanceof Error ? error : String(error));
    // A write the store may have applied before failing must not be reported as "nothing happened".
    const unknown = contract.method !== 'GET' && mayHaveTakenEffect(error);
    return retryLater(unknown ? 'OUTCOME_UNKNOWN' : 'STORE_UNAVAILABLE', contract);
  }
  logger.error('unhandled error', error instanceof Error ? error : String(error));
  return new AppError('INTERNAL', INTERNAL_ERROR_MESSAGE);
}

/**
 * Runs first and last around every request: names the invocation in the logs, and on
 * the way out (success or error) logs one line with the route, status and
 * DynamoDB request units consumed. Errors become the one error shape; only an
 * AppError's message reaches the client (see answerableError).
 */
function httpEdge(contract: RouteContract): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  const finish = (status: number, extra: Record<string, unknown> = {}) =>
    logger.info('request completed', {
      route: `${contract.method} ${contract.path}`,
      status,
      capacity: currentCapacityTally(),
      ...extra,
    });
  return {
    before: async ({ context }) => {
      logger.addContext(context);
    },
    after: async (request) => {
      addCorsHeaders(request, contract);
      finish(request.response?.statusCode ?? 0);
    },
    onError: async (request) => {
      const error = answerableError(request.error, contract);
      const language = answerLanguage(contract, headerValue(request.event?.headers, 'accept-language'));
      request.response = errorResponse(error, requestIdOf(request.event, request.context), language);
      addCorsHeaders(request, contract);
      finish(statusOf(error), { code: error.code });
    },
  };
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
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
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
  // Each request tallies its own request units: the local server runs many side by side in one process.
  return (event, context) => withCapacityTally(() => handler(event, context));
}
