import type { StoreContext } from '../../shared/store/client.js';
import { FIGURE_SHARDS, keys } from '../../shared/store/keys.js';
import { getItem } from '../../shared/store/operations.js';

/** The stored union-month counters summed over their shards, without keys and without figures that came back to zero. */
export async function storedFigures(store: StoreContext, unionCode: string, month: string): Promise<Record<string, number>> {
  const shards = await Promise.all(
    Array.from({ length: FIGURE_SHARDS }, (_, shard) => getItem(store, keys.monthlyFigures(unionCode, month, shard), true)),
  );
  const sum: Record<string, number> = {};
  for (const item of shards)
    for (const [name, value] of Object.entries(item ?? {}))
      if (!['PK', 'SK', 'entity'].includes(name) && typeof value === 'number') sum[name] = (sum[name] ?? 0) + value;
  return Object.fromEntries(Object.entries(sum).filter(([, value]) => value !== 0));
}
