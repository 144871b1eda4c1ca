import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Read and write request units consumed by one piece of work (a request, a
 * report, a benchmark step). The store's client asks DynamoDB for
 * `ReturnConsumedCapacity` on every data call and adds what it answers to the
 * tally of the work that made the call (shared/store/client.ts); the HTTP edge
 * gives each request its own tally and logs it, so each route's cost can be
 * budgeted from its logs.
 *
 * Kept per piece of work, not per process: `npm start` and the tests run many
 * requests side by side in one process, and a shared counter would mix them.
 */
export interface CapacityTally {
  readUnits: number;
  writeUnits: number;
}

/** The part of DynamoDB's ConsumedCapacity that is tallied (structural, so observability needs no SDK import). */
interface ConsumedCapacity {
  readonly CapacityUnits?: number;
}

const tallies = new AsyncLocalStorage<CapacityTally>();

/** Adds what one call consumed to the current work's tally; outside any, nothing is kept. */
export function recordCapacity(
  kind: 'read' | 'write',
  capacity: ConsumedCapacity | readonly ConsumedCapacity[] | undefined,
): void {
  const tally = tallies.getStore();
  if (!tally) return;
  const entries: readonly ConsumedCapacity[] = Array.isArray(capacity)
    ? capacity
    : capacity
      ? [capacity as ConsumedCapacity]
      : [];
  const units = entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
  if (kind === 'read') tally.readUnits += units;
  else tally.writeUnits += units;
}

/** Runs `work` with a tally of its own, which `currentCapacityTally` reads while it runs. */
export function withCapacityTally<T>(work: () => Promise<T>): Promise<T> {
  return tallies.run({ readUnits: 0, writeUnits: 0 }, work);
}

/** The tally of the work running now, if any. */
export function currentCapacityTally(): Readonly<CapacityTally> | undefined {
  return tallies.getStore();
}

/** Runs `work` and says what it consumed. */
export async function measureCapacity<T>(work: () => Promise<T>): Promise<{ result: T; units: CapacityTally }> {
  return withCapacityTally(async () => {
    const result = await work();
    return { result, units: { ...tallies.getStore()! } };
  });
}
