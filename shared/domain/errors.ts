/**
 * Errors the domain and the HTTP edge raise on purpose. Each carries a stable
 * machine-readable code and the HTTP status it maps to; anything else that
 * escapes a handler is a bug and becomes a 500 without internals.
 */
export interface FieldIssue {
  /** Path of the offending field, e.g. `complainant.mobile`; empty for the whole body. */
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

export type ErrorCode =
  | 'VALIDATION_FAILED'
  /** A page cursor that this list did not hand out (another query's, edited, made up): start again without it. */
  | 'INVALID_CURSOR'
  /** Only API Gateway produces this, for 4xx cases no other code describes. */
  | 'BAD_REQUEST'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  /** The case's status does not allow the action; `details` lists the actions that are allowed. */
  | 'INVALID_TRANSITION'
  | 'REQUEST_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'TOO_MANY_REQUESTS'
  | 'BUSY'
  /** The data store (or another service a request needs) is throttling or unreachable: not a bug, retry after Retry-After. */
  | 'STORE_UNAVAILABLE'
  /**
   * A write ran out of time: it may or may not have taken effect. Unlike BUSY
   * (nothing was written), the client must not blindly repeat it: retry with
   * the same Idempotency-Key, or check first.
   */
  | 'OUTCOME_UNKNOWN'
  | 'REGION_NOT_SERVED'
  | 'REGION_OUTSIDE_SUBTREE'
  | 'UNPROCESSABLE'
  | 'INTERNAL';

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

/** Every code an error body can carry: the handlers' and API Gateway's own (infra/error-responses.ts). */
export const ERROR_CODES = Object.keys(STATUS_BY_CODE) as readonly ErrorCode[];

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly FieldIssue[],
    /** Response headers that belong to this error, e.g. Retry-After on 429. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_BY_CODE[code];
  }
}

/** The one error body every route returns. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: readonly FieldIssue[];
    readonly requestId: string;
  };
}
