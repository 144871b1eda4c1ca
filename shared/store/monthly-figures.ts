import type { CaseRecord } from '../domain/cases.js';
import { figureDeltas } from '../domain/figures.js';
import type { StoreContext } from './client.js';
import { figureShardOf, keys } from './keys.js';
import type { TransactItems } from './operations.js';

/**
 * The union-month counters a case change moves, as transaction items: one
 * `ADD` per union-month whose figures change (see figures.ts). They go into
 * the same TransactWriteItems as the case change, so the counters can never
 * disagree with the cases they count. Figure names contain dots, so every
 * name goes through an expression attribute name.
 */
export function figureUpdates(store: StoreContext, before: CaseRecord | undefined, after: CaseRecord): TransactItems {
  const items: TransactItems = [];
  for (const [unionMonth, figures] of figureDeltas(before, after)) {
    const separator = unionMonth.indexOf('#');
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const additions = Object.entries(figures).map(([name, delta], index) => {
      names[`#f${index}`] = name;
      values[`:f${index}`] = delta;
      return `#f${index} :f${index}`;
    });
    items.push({
      Update: {
        TableName: store.tableName,
        Key: keys.monthlyFigures(unionMonth.slice(0, separator), unionMonth.slice(separator + 1), figureShardOf(after.caseId)),
        UpdateExpression: `SET entity = :entity ADD ${additions.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':entity': 'monthlyFigures' },
      },
    });
  }
  return items;
}
