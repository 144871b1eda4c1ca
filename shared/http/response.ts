import type { APIGatewayProxyResult } from 'aws-lambda';
import { AppError, inLanguage, type ErrorBody, type Phrase } from '../domain/errors.js';
import { errorHeaders, statusOf } from './error-status.js';
import type { Language } from './language.js';

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

/** The one error shape, every sentence in the language the request is answered in. */
export function errorResponse(error: AppError, requestId: string, language: Language): APIGatewayProxyResult {
  const details = (error.details ?? []).map((issue) => ({ ...issue, message: inLanguage(issue.message, language) }));
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: inLanguage(error.said, language),
      ...(details.length > 0 ? { details } : {}),
      requestId,
    },
  };
  return jsonResponse(statusOf(error), body, requestId, errorHeaders(error));
}

/** What a bug looks like from outside: no stack, no internals, a request id to quote. */
export const INTERNAL_ERROR_MESSAGE: Phrase = {
  zh: '系统出错，请求未能完成。如需反映，请提供 requestId。',
  en: 'Something went wrong on our side and the request was not completed. Quote the requestId when reporting it.',
};
