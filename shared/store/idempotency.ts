import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';
import { AppError, type Message } from '../domain/errors.js';
import { getDynamoDbClient, tableName } from './client.js';

/**
 * Safe retries for requests carrying an `Idempotency-Key`, with Powertools for
 * AWS Lambda's idempotency utility: the first request runs; a retry with the
 * same key and body gets the stored response; the same key with another body
 * is refused; a retry arriving while the first is still running waits for its
 * answer. Records live in the one table (partition `IDEMPOTENCY#<name>`) and
 * expire after `expiresAfterSeconds` through the table's TTL.
 */
export interface IdempotentCall<Body> {
  readonly idempotencyKey: string;
  readonly body: Body;
}

/** How one run of the work ended: it returned, or it threw. */
interface RunOutcome<Result> {
  result?: { value: Result };
  failure?: { error: unknown };
}

/** How long a retry waits for a first request still in flight before being told to retry later. */
const IN_PROGRESS_WAIT_MS = 8_000;
const IN_PROGRESS_POLL_MS = 250;

/**
 * `Extra` carries what `run` needs besides the key and body (e.g. the signed-in
 * caller): it is neither part of the key nor of the body compared on a retry,
 * so a key meant to be private to a caller must include the caller itself.
 */
export function idempotentByKey<Body, Result, Extra extends object = object>(
  name: string,
  run: (call: IdempotentCall<Body> & Extra) => Promise<Result>,
  options: { expiresAfterSeconds: number; conflictMessage: Message },
): (call: IdempotentCall<Body> & Extra, context: Context) => Promise<Result> {
  let wrapped: ((call: IdempotentCall<Body> & Extra) => Promise<Result>) | undefined;
  let config: IdempotencyConfig | undefined;
  /** Per call (the local server runs calls side by side in one process): how `run` ended, once it has. */
  const finished = new AsyncLocalStorage<RunOutcome<Result>>();
  const runAndRemember = async (call: IdempotentCall<Body> & Extra) => {
    const slot = finished.getStore();
    try {
      const value = await run(call);
      if (slot) slot.result = { value };
      return value;
    } catch (error) {
      if (slot) slot.failure = { error };
      throw error;
    }
  };

  // Built on first use: the table name is configuration read at run time.
  const idempotent = () => {
    config ??= new IdempotencyConfig({
      eventKeyJmesPath: 'idempotencyKey',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: options.expiresAfterSeconds,
    });
    wrapped ??= makeIdempotent(runAndRemember, {
      config,
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: tableName(),
        awsSdkV3Client: getDynamoDbClient(),
        keyAttr: 'PK',
        sortKeyAttr: 'SK',
        staticPkValue: `IDEMPOTENCY#${name}`,
        expiryAttr: 'expiresAt',
      }),
    });
    return { wrapped, config };
  };

  return async (call, context) => {
    const { wrapped: once, config: idempotencyConfig } = idempotent();
    idempotencyConfig.registerLambdaContext(context);
    const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
    for (;;) {
      const slot: RunOutcome<Result> = {};
      try {
        return await finished.run(slot, () => once(call));
      } catch (error) {
        // The work is done (e.g. the case is registered) and only recording its answer for retries failed: the
        // answer is still true, and a retry finds the work by its own marker. Failing now would tell the client
        // "nothing was written" (STORE_UNAVAILABLE) about a write that happened.
        if (slot.result) return slot.result.value;
        // The work failed, and so did Powertools' removal of its in-progress record, which it reports instead. The
        // client must hear the work's own failure (e.g. a write answered with a 500 may have been applied, an
        // OUTCOME_UNKNOWN); the record left behind expires with the invocation, and a retry then runs.
        if (slot.failure) throw slot.failure.error;
        if (error instanceof IdempotencyValidationError) throw new AppError('IDEMPOTENCY_KEY_REUSED', options.conflictMessage);
        if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
        if (Date.now() > deadline) {
          throw new AppError(
            'REQUEST_IN_PROGRESS',
            {
              zh: '上一次提交仍在处理中，请稍后再试。',
              en: 'The first request with this Idempotency-Key is still being processed; retry shortly.',
            },
            undefined,
            2,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_POLL_MS));
      }
    }
  };
}
