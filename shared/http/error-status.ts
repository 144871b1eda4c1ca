import type { AppError, ErrorCode } from '../domain/errors.js';

/** The HTTP status each error code answers with (the domain's errors know no HTTP). */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  REQUEST_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  BUSY: 503,
  STORE_UNAVAILABLE: 503,
  OUTCOME_UNKNOWN: 503,
  REGION_NOT_SERVED: 422,
  REGION_OUTSIDE_SUBTREE: 422,
  UNPROCESSABLE: 422,
  INTERNAL: 500,
};

export function statusOf(error: Pick<AppError, 'code'>): number {
  return STATUS_BY_CODE[error.code];
}

/** Response headers an error carries: Retry-After where waiting helps. */
export function errorHeaders(error: Pick<AppError, 'retryAfterSeconds'>): Record<string, string> {
  return error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
}
