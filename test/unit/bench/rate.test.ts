import { describe, expect, it } from 'vitest';
import { storeRateReason, type RateFigures } from '../../../scripts/bench/rate.js';

/**
 * `npm run bench` names a whole-stack rate under 0.9× the raw store's as the
 * store's only on measured evidence; a shortfall the stack makes must stay NOT
 * MET. Figures shaped like the runs measured on 2 cores at 16 connections.
 */
const TARGET = 0.9;

/** A run whose store spent more CPU per registration in the stack's slices, though the stack kept it as busy. */
const storeSlower: RateFigures = {
  rateRatio: 0.86,
  storeBusyRatio: 0.98,
  stack: { storeCores: 0.98, storeCpuMsPerOperation: 21.9 },
  raw: { storeCores: 1.0, storeCpuMsPerOperation: 19.2 },
};

describe('the rate rule of npm run bench', () => {
  it('names the shortfall as the store’s when the stack kept it as busy and it spent more per registration', () => {
    expect(storeRateReason(storeSlower, TARGET)).toMatch(
      /kept it as busy as the raw client did \(0\.98×, 0\.98 vs 1\.00 cores\).*21\.9 ms per registration under the stack, 19\.2 under the raw client/,
    );
  });

  it('does not when the stack left the store idle (too slow to send, or taking the CPU the store needed)', () => {
    const idle = { ...storeSlower, storeBusyRatio: 0.85, stack: { storeCores: 0.85, storeCpuMsPerOperation: 19.2 } };
    expect(storeRateReason(idle, TARGET)).toBeUndefined();
  });

  it('does not where the store’s CPU time could not be read (not Linux)', () => {
    const unread: RateFigures = { rateRatio: 0.86, stack: {}, raw: {} };
    expect(storeRateReason(unread, TARGET)).toBeUndefined();
  });

  it('judges the busy ratio at the precision printed, as every other figure', () => {
    expect(storeRateReason({ ...storeSlower, storeBusyRatio: 0.899 }, TARGET)).toMatch(/0\.90×/);
    expect(storeRateReason({ ...storeSlower, storeBusyRatio: 0.894 }, TARGET)).toBeUndefined();
  });
});
