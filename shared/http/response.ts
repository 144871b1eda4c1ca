import type { APIGatewayProxyResult } from 'aws-lambda';
import { AppError, type ErrorBody } from '../domain/errors.js';
import { errorHeaders, statusOf } from './error-status.js';

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Case data is personal: never let a proxy or browser cache it.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResponse(
  statusCode: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'x-request-id': requestId, ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: AppError, requestId: string): APIGatewayProxyResult {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
      requestId,
    },
  };
  return jsonResponse(statusOf(error), body, requestId, errorHeaders(error));
}

/** What a bug looks like from outside: no stack, no internals, a request id to quote. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong on our side and the request was not completed. Quote the requestId when reporting it.';
