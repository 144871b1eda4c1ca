import { expect } from 'vitest';
import { AppError } from '../../shared/domain/errors.js';
import { errorHeaders, statusOf } from '../../shared/http/error-status.js';

/**
 * What a caller would be told of an AppError: its code, its message (`message` in English, as logged; `said` in both
 * languages), and the HTTP status and headers the edge maps it to.
 */
export function answerTo(error: unknown) {
  if (!(error instanceof AppError)) throw error;
  return {
    code: error.code,
    message: error.message,
    said: error.said,
    details: error.details,
    status: statusOf(error),
    headers: errorHeaders(error),
  };
}

/** The answer to a use case that must refuse (fails the test if it resolves, or throws something other than an AppError). */
export async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (error: unknown) => answerTo(error),
  );
}

/** For `toThrow(...)`: the thrown error's answer (see answerTo) contains `expected`. */
export function refusedWith(expected: Record<string, unknown>) {
  const contains = expect.objectContaining(expected);
  return {
    asymmetricMatch: (actual: unknown) => actual instanceof AppError && contains.asymmetricMatch(answerTo(actual)),
    toString: () => `an AppError answered as ${JSON.stringify(expected)}`,
  };
}
