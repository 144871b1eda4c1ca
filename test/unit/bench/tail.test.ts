import { describe, expect, it } from 'vitest';
import { storeTailReason, type TailFigures } from '../../../scripts/bench/tail.js';

/**
 * `npm run bench` names a whole-stack tail over 1.5× as the store's only on
 * measured evidence; a tail the stack makes itself must stay NOT MET.
 * Figures shaped like the runs measured on 2 cores at 16 connections.
 */
const TARGET = 1.5;

/** A run where DynamoDB Local answered a few requests half a second late: p99 738 against p50 255. */
const storeStalled: TailFigures = {
  p50Ms: 255,
  p99Ms: 738,
  storeP50Ms: 249,
  storeP99Ms: 731,
  ownP50Ms: 5,
  ownP99Ms: 38,
  eventLoopMaxDelayMs: 60,
};
/** The raw side of the same run, which the stall missed: its own tail within the target. */
const calmRaw = { p50Ms: 250, p99Ms: 340 };
/** A raw side that had a stall of its own. */
const stalledRaw = { p50Ms: 250, p99Ms: 500 };

describe('the tail rule of npm run bench', () => {
  it('names the tail as the store’s when the slow requests were waiting on DynamoDB Local', () => {
    // (249 + 38) ÷ 255 = 1.13×; with the 60 ms hold-up charged, (249 + 38 + 60) ÷ 255 = 1.36×.
    expect(storeTailReason(storeStalled, calmRaw, TARGET)).toMatch(
      /waited on it 249 ms at p50 and 731 at p99.*1\.13×, 1\.36× with the event loop's longest hold-up/,
    );
  });

  it('does not when the stack’s own time has the tail, even if the store had one too', () => {
    // The same p99, but 480 ms of it spent in the stack (a slow authorizer, a retry's back-off).
    const ownTail = { ...storeStalled, storeP99Ms: 300, ownP99Ms: 480 };
    expect(storeTailReason(ownTail, calmRaw, TARGET)).toBeUndefined();
    expect(storeTailReason(ownTail, stalledRaw, TARGET)).toBeUndefined();
  });

  it('does not when the stack’s event loop was held up long enough to make the tail, unless the store alone had one', () => {
    // A 400 ms block is timed as store wait: charged to the stack, (249 + 38 + 400) ÷ 255 = 2.69×.
    const blocked = { ...storeStalled, eventLoopMaxDelayMs: 400 };
    expect(storeTailReason(blocked, calmRaw, TARGET)).toBeUndefined();
    expect(storeTailReason(blocked, stalledRaw, TARGET)).toMatch(/raw store's own is 2\.00×/);
  });
});
