/**
 * Tells an outage of a service a request depends on (DynamoDB throttling,
 * failing on its side or out of reach; likewise Secrets Manager) from a bug.
 * The SDK has already retried these with backoff by the time they reach the
 * edge; what is left is a 503 the client may retry later, not a 500.
 *
 * Judged by the shape every AWS SDK v3 error has (`name`, `$fault`,
 * `$metadata.httpStatusCode`, `$retryable`) and by Node's network error
 * codes, so the edge needs no SDK import. The lists follow the SDK's own
 * retry classification (@smithy service-error-classification). A 4xx the
 * service refused as invalid (ValidationException, a failed condition that
 * escaped) is ours to fix and stays a 500.
 */

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'PriorRequestNotComplete',
  'BandwidthLimitExceeded',
  // Another transaction, or another region's write, held the item: nothing was written, so a retry is safe.
  'TransactionConflictException',
  'TransactionInProgressException',
  'ReplicatedWriteConflictException',
]);

const SERVICE_FAILURES = new Set([
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node's codes for a store that cannot be reached, or a connection that broke or timed out. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Network codes of a request that never reached the store: nothing it asked for can have happened. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Reasons of a cancelled transaction that mean "too busy", not "your condition failed". */
const THROTTLED_TRANSACTION_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly CancellationReasons?: readonly { readonly Code?: unknown }[];
  readonly cause?: unknown;
  /** Failures of the attempts the SDK made before this one (shared/store/client.ts). */
  readonly earlierAttemptFailures?: readonly unknown[];
}

const MAX_CAUSE_DEPTH = 5;

export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ErrorShape;
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  if (typeof shape.name === 'string' && (THROTTLING.has(shape.name) || SERVICE_FAILURES.has(shape.name))) return true;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return true;
  if (shape.$fault === 'server' || (status !== undefined && (status >= 500 || status === 429))) return true;
  if (shape.$retryable !== undefined) return true;
  if (shape.name === 'TransactionCanceledException') {
    const reasons = (shape.CancellationReasons ?? []).map((reason) => reason.Code);
    // Only when no item failed for a business reason (a condition), which the caller must hear as such.
    return (
      reasons.some((code) => THROTTLED_TRANSACTION_REASONS.has(code as string)) &&
      reasons.every((code) => code === 'None' || code === undefined || THROTTLED_TRANSACTION_REASONS.has(code as string))
    );
  }
  return depth < MAX_CAUSE_DEPTH && shape.cause !== undefined && isDependencyUnavailable(shape.cause, depth + 1);
}

/**
 * Whether a write that failed so may still have taken effect. A throttled or
 * cancelled request was refused whole, and one that never reached the store
 * did nothing; but a service failure, or a connection that broke or timed out
 * after the request was sent, leaves the outcome unknown (DynamoDB documents
 * that a write answered with a 500 may or may not have been applied), and so
 * does any such failure of an earlier attempt the SDK retried.
 */
export function mayHaveTakenEffect(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const shape = error as ErrorShape;
  // An earlier attempt the SDK retried may have been applied, whatever the last one met.
  if ((shape.earlierAttemptFailures ?? []).some((failure) => mayHaveTakenEffect(failure, depth + 1))) return true;
  if (typeof shape.name === 'string' && (THROTTLING.has(shape.name) || shape.name === 'TransactionCanceledException'))
    return false;
  if (typeof shape.code === 'string' && NEVER_SENT_CODES.has(shape.code)) return false;
  if (shape.$metadata?.httpStatusCode === 429) return false;
  if (depth < MAX_CAUSE_DEPTH && shape.cause !== undefined && isDependencyUnavailable(shape.cause)) {
    return mayHaveTakenEffect(shape.cause, depth + 1);
  }
  return true;
}
