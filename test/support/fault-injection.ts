import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as fc from 'fast-check';

/**
 * Faults a DynamoDB call can meet, as the code above the SDK sees them:
 * - `throttled` / `throughputExceeded`: refused before anything was written;
 * - `unavailable` (503) / `internalError` (500): failed on the service's side, nothing written;
 * - `appliedThenInternalError`: the write was applied, but the answer the code gets is a 500
 *   (DynamoDB documents that a write answered with a 500 may or may not have been applied);
 * - `latency`: the call goes through, late.
 */
export const FAULT_KINDS = [
  'throttled',
  'throughputExceeded',
  'unavailable',
  'internalError',
  'appliedThenInternalError',
  'latency',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultInjection {
  /** Faults injected so far, by kind, and calls seen. */
  readonly counts: Readonly<Record<FaultKind | 'calls', number>>;
  /** Stops (false) or resumes (true) injecting; calls still pass through. */
  setEnabled(enabled: boolean): void;
  /** Takes the middleware off the client. */
  remove(): void;
}

export interface FaultInjectionOptions {
  /** Share of calls that meet a fault, 0..1. */
  readonly rate: number;
  /** fast-check seed for the fault decisions, printed by the test so a run can be replayed. */
  readonly seed: number;
  /** Added delay of a `latency` fault, in ms. */
  readonly latencyMs?: number;
}

const MIDDLEWARE_NAME = 'weiquanTestFaultInjection';
/** Decisions are drawn in blocks from fast-check and used in order; a long run draws more blocks. */
const DECISION_BLOCK = 1000;

/**
 * Adds a middleware to the client's stack that makes a set share of calls
 * fail or slow down. The client is the product's own (a DocumentClient built
 * with `DynamoDBDocumentClient.from` shares its base client's stack), so every
 * repository and Powertools' idempotency store meet the faults.
 *
 * It sits in the `build` step, which runs outside the SDK's retry middleware
 * (`finalizeRequest`): a fault injected there is not retried by the SDK and
 * reaches the product's code as if the SDK had used up its attempts. Behind
 * the retry middleware a 10 % rate would almost never get through three
 * attempts (0.1 %), and the run would prove little.
 */
export function injectFaults(client: DynamoDBClient, options: FaultInjectionOptions): FaultInjection {
  const counts: Record<FaultKind | 'calls', number> = {
    calls: 0,
    ...(Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>),
  };
  // Unbiased draws: fast-check otherwise favours the ends of a range, which would skew the rate.
  const decision = fc
    .tuple(fc.noBias(fc.integer({ min: 0, max: 9999 })), fc.noBias(fc.constantFrom(...FAULT_KINDS)))
    .map(([draw, kind]) => (draw < options.rate * 10_000 ? kind : null));
  let block = 0;
  let decisions: (FaultKind | null)[] = [];
  const nextDecision = (): FaultKind | null => {
    if (decisions.length === 0) decisions = fc.sample(decision, { seed: options.seed + block++, numRuns: DECISION_BLOCK });
    return decisions.pop()!;
  };
  let enabled = true;

  client.middlewareStack.add(
    (next) => async (args) => {
      counts.calls++;
      const fault = enabled ? nextDecision() : null;
      if (fault === null) return next(args);
      counts[fault]++;
      switch (fault) {
        case 'latency':
          await new Promise((resolve) => setTimeout(resolve, options.latencyMs ?? 200));
          return next(args);
        case 'appliedThenInternalError':
          await next(args);
          throw injectedInternalError();
        case 'throttled':
          throw injectedThrottle();
        case 'throughputExceeded':
          throw new ProvisionedThroughputExceededException({
            message: 'The level of configured provisioned throughput for the table was exceeded (injected).',
            $metadata: { httpStatusCode: 400 },
          });
        case 'unavailable':
          throw new DynamoDBServiceException({
            name: 'ServiceUnavailable',
            $fault: 'server',
            message: 'Service unavailable (injected).',
            $metadata: { httpStatusCode: 503 },
          });
        case 'internalError':
          throw injectedInternalError();
      }
    },
    { step: 'build', name: MIDDLEWARE_NAME, override: true },
  );

  return {
    counts,
    setEnabled: (value) => (enabled = value),
    remove: () => void client.middlewareStack.remove(MIDDLEWARE_NAME),
  };
}

/** DynamoDB's 500: the request may or may not have been applied. */
export const injectedInternalError = () =>
  new InternalServerError({ message: 'Internal server error (injected).', $metadata: { httpStatusCode: 500 } });

/** DynamoDB refusing a request for its rate: nothing was written. */
export const injectedThrottle = () =>
  new DynamoDBServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    message: 'Rate of requests exceeds the allowed throughput (injected).',
    $metadata: { httpStatusCode: 400 },
  });

/**
 * The first call `matches` picks that DynamoDB applies is answered with its
 * 500, inside the SDK's retry loop (finalizeRequest, low priority: once per
 * attempt), so the SDK itself sends it again, as in the cloud. Returns a
 * function that takes the middleware off and says whether it fired.
 */
export function applyThenAnswer500Once(
  client: DynamoDBClient | DynamoDBDocumentClient,
  matches: (commandName: string, input: Record<string, any>) => boolean,
): () => boolean {
  let fired = false;
  const name = 'weiquanTestAppliedThen500';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (fired || !matches(context.commandName ?? '', args.input as Record<string, any>)) return next(args);
      // A call DynamoDB refuses (a failed condition) was not applied: it is answered as it was, and the next one waits.
      await next(args);
      fired = true;
      throw injectedInternalError();
    },
    { step: 'finalizeRequest', priority: 'low', name, override: true },
  );
  return () => {
    client.middlewareStack.remove(name);
    return fired;
  };
}
