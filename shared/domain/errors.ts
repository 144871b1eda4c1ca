/**
 * A sentence in both languages the API answers in: Chinese for workers (every
 * public route) and for staff by default, English for staff who ask for it
 * (Accept-Language). The edge picks one; see shared/http/language.ts.
 */
export interface Phrase {
  readonly zh: string;
  readonly en: string;
}

/**
 * What an error says: always both languages, so that a refusal written in
 * English only (or Chinese only) does not compile. Words that truly have one
 * form go through `sameInEveryLanguage`, which says so.
 */
export type Message = Phrase;

/**
 * A sentence with one form whatever the language: words already written in
 * the reader's language (zod issues, parsed with that language's error map),
 * or API Gateway's own answers, which cannot follow Accept-Language.
 */
export function sameInEveryLanguage(text: string): Phrase {
  return { zh: text, en: text };
}

/** Phrases joined in each language with that language's separator, e.g. `；` and `; `. */
export function joinPhrases(phrases: readonly Phrase[], separator: Phrase): Phrase {
  return {
    zh: phrases.map((phrase) => phrase.zh).join(separator.zh),
    en: phrases.map((phrase) => phrase.en).join(separator.en),
  };
}

/**
 * Errors the domain and the HTTP edge raise on purpose. Each carries a stable
 * machine-readable code; the edge maps codes to HTTP statuses. Anything else
 * that escapes a handler is a bug and becomes a 500 without internals.
 */
export interface FieldIssue {
  /** Path of the offending field, e.g. `complainant.mobile`; empty for the whole body. */
  readonly path: string;
  readonly message: Message;
  readonly code?: string;
}

/**
 * Every code an error body can carry: the handlers' and API Gateway's own
 * (infra/error-responses.ts). What each means to HTTP (its status) is the
 * edge's business: shared/http/error-status.ts.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  // A page cursor that this list did not hand out (another query's, edited, made up): start again without it.
  'INVALID_CURSOR',
  // Only API Gateway produces this, for 4xx cases no other code describes.
  'BAD_REQUEST',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  // The case's status does not allow the action; `details` lists the actions that are allowed.
  'INVALID_TRANSITION',
  'REQUEST_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'TOO_MANY_REQUESTS',
  'BUSY',
  // The data store (or another service a request needs) is throttling or unreachable: not a bug, retry later.
  'STORE_UNAVAILABLE',
  // A write ran out of time: it may or may not have taken effect. Unlike BUSY (nothing was written), the client
  // must not blindly repeat it: retry with the same Idempotency-Key, or check first.
  'OUTCOME_UNKNOWN',
  'REGION_NOT_SERVED',
  'REGION_OUTSIDE_SUBTREE',
  'UNPROCESSABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  /** What the client reads; `message` (for logs) is its English form. */
  readonly said: Message;

  constructor(
    readonly code: ErrorCode,
    said: Message,
    readonly details?: readonly FieldIssue[],
    /** How long to wait before trying again, when waiting helps (too many attempts, a busy store). */
    readonly retryAfterSeconds?: number,
  ) {
    super(said.en);
    this.name = 'AppError';
    this.said = said;
  }
}

/** The message in the language chosen. */
export function inLanguage(message: Message, language: keyof Phrase): string {
  return message[language];
}

/** A refused field of an otherwise well-formed request: the whole error and the field say the same. */
export function unprocessableField(path: string, message: Phrase): never {
  throw new AppError('UNPROCESSABLE', message, [{ path, message }]);
}

/** The one error body every route returns. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: readonly (Omit<FieldIssue, 'message'> & { readonly message: string })[];
    readonly requestId: string;
  };
}
