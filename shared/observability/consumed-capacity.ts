/**
 * Read/write request units consumed during the current invocation. Every
 * repository call asks DynamoDB for `ReturnConsumedCapacity: 'TOTAL'` and adds
 * it here; the HTTP wrapper resets the tally per request and logs it, so each
 * route's cost can be budgeted from its logs.
 */
let consumed = 0;

/** The part of DynamoDB's ConsumedCapacity that is tallied (structural, so observability needs no SDK import). */
interface ConsumedCapacity {
  readonly CapacityUnits?: number;
}

export function recordCapacity(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  for (const entry of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
    consumed += entry.CapacityUnits ?? 0;
  }
}

export function takeConsumedCapacity(): number {
  const total = consumed;
  consumed = 0;
  return total;
}
