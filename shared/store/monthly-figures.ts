import type { CaseRecord } from '../domain/cases.js';
import { contributionsOf, figureDeltas, parseUnionMonthKey, unionMonthKey } from '../domain/figures.js';
import type { StoreContext } from './client.js';
import { figureShardOf, keys } from './keys.js';
import type { TransactItems } from './operations.js';
import { ENTITY } from './entities.js';

/**
 * The union-month counters a case change moves, as transaction items: one
 * `ADD` per union-month whose figures change (see figures.ts), then the
 * activity-index entries of the union-months the case newly contributes to
 * (see activityEntries). They go into the same TransactWriteItems as the case
 * change, so the counters can never disagree with the cases they count, and
 * the reconciliation always finds the cases behind a counter. Figure names
 * contain dots, so every name goes through an expression attribute name.
 *
 * A case contributes to at most five months (figures.ts), so a change adds
 * at most ten items (five counter updates after a transfer, five entries):
 * with the case, its events and messages, far below the 100 items a
 * transaction may hold.
 */
export function figureUpdates(store: StoreContext, before: CaseRecord | undefined, after: CaseRecord): TransactItems {
  return [...counterUpdates(store, before, after), ...activityEntries(store, before, after)];
}

function counterUpdates(store: StoreContext, before: CaseRecord | undefined, after: CaseRecord): TransactItems {
  const items: TransactItems = [];
  for (const [unionMonth, figures] of figureDeltas(before, after)) {
    const { unionCode, month } = parseUnionMonthKey(unionMonth);
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
        Key: keys.monthlyFigures(unionCode, month, figureShardOf(after.caseId)),
        UpdateExpression: `SET entity = :entity ADD ${additions.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':entity': 'monthlyFigures' },
      },
    });
  }
  return items;
}

/**
 * Puts the case into the activity index of every union-month it contributes
 * to after the change but did not before: a new case's registration month, the
 * month it closes, goes overdue, is called back or rated, and after a
 * transfer every month under its new union. Written only when new, so the
 * index costs one write per case-month, not one per change; a plain Put (not
 * conditional), so a repeat never cancels the transaction. An entry is never
 * removed when a contribution goes away (a reopened case's closure, a
 * transferred case's old union): the reconciliation reads a few cases too
 * many, which contribute nothing there, but never misses one. (A sparse GSI
 * could not do this: a case contributes to several months, an index key holds
 * one.)
 */
function activityEntries(store: StoreContext, before: CaseRecord | undefined, after: CaseRecord): TransactItems {
  const monthsOf = (caseRecord: CaseRecord) =>
    new Map(contributionsOf(caseRecord).map(({ unionCode, month }) => [unionMonthKey(unionCode, month), { unionCode, month }]));
  const earlier = before ? monthsOf(before) : new Map<string, unknown>();
  return [...monthsOf(after)]
    .filter(([key]) => !earlier.has(key))
    .map(([, { unionCode, month }]) => ({
      Put: {
        TableName: store.tableName,
        Item: { ...keys.caseActivity(unionCode, month, after.caseId), entity: ENTITY.caseActivity, caseId: after.caseId },
      },
    }));
}
