/**
 * Whether the whole stack's tail over its target is the store's. Pure: the
 * figures come from bench/throughput.ts, the verdict goes into the summary.
 */
import { times, withinTarget } from './report.js';
import type { Side } from './throughput.js';

export type TailFigures = Pick<
  Side,
  'p50Ms' | 'p99Ms' | 'storeP50Ms' | 'storeP99Ms' | 'ownP50Ms' | 'ownP99Ms' | 'eventLoopMaxDelayMs'
>;

/** The raw side in the same run: the same registrations on the same store, with none of the stack's code. */
export type RawFigures = Pick<Side, 'p50Ms' | 'p99Ms'>;

/**
 * The measured reason when the stack's p99 ÷ p50 over `target` comes from
 * DynamoDB Local's answers; undefined when that is not shown (the figure is
 * then NOT MET). Two things must hold.
 *
 * 1. The stack's own time does not make the tail. Each request's wait on the
 *    store's answers is timed; had every request waited the median wait, its
 *    latency would have been its own time plus that median, so that p99 is
 *    `median wait + p99 of own time`. It must be within the target.
 * 2. What was timed as waiting is the store's. A wait is timed in the stack's
 *    own process, so it also holds any time the event loop was held up before
 *    an answer could be read, by the machine (2 busy cores, a collection) or
 *    by the stack's synchronous work for other requests. So either the store
 *    has such a tail with no stack at all (the raw side's own p99 ÷ p50 over
 *    the target in the same run), or (1) still holds with the longest
 *    hold-up of the event loop charged to every slow request's own time.
 */
export function storeTailReason(stack: TailFigures, raw: RawFigures, target: number): string | undefined {
  const withStoreAtMedian = (stack.storeP50Ms + stack.ownP99Ms) / stack.p50Ms;
  const withHoldUpCharged = (stack.storeP50Ms + stack.ownP99Ms + stack.eventLoopMaxDelayMs) / stack.p50Ms;
  const rawTail = raw.p99Ms / raw.p50Ms;
  if (!withinTarget(withStoreAtMedian, target)) return undefined;
  const storeAlone = !withinTarget(rawTail, target);
  if (!storeAlone && !withinTarget(withHoldUpCharged, target)) return undefined;
  const ms = (value: number) => value.toFixed(0);
  return (
    `DynamoDB Local's answers: the stack's requests waited on it ${ms(stack.storeP50Ms)} ms at p50 and ` +
    `${ms(stack.storeP99Ms)} at p99, their own time was ${ms(stack.ownP50Ms)} / ${ms(stack.ownP99Ms)} ms; with the ` +
    `store's answers at their median the p99 ÷ p50 is ${times(withStoreAtMedian)}, ` +
    (storeAlone
      ? `and the raw store's own is ${times(rawTail)}`
      : `${times(withHoldUpCharged)} with the event loop's longest hold-up (${ms(stack.eventLoopMaxDelayMs)} ms) charged to the stack`) +
    ' (README › Throughput)'
  );
}
