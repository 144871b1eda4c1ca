import { sumFigures, unionMonthKey, type Figures } from '../domain/figures.js';
import { defaultStore, type StoreContext } from './client.js';
import { FIGURE_SHARDS, keys } from './keys.js';
import { batchGetAll, putIf, queryPage } from './operations.js';
import { FilingConflict } from '../domain/conflicts.js';
import type { ReportFiling } from '../domain/records.js';
import { ENTITY } from './entities.js';

/**
 * The monthly report's storage: the union-month counters (written only by the
 * case transactions, see monthly-figures.ts; read here) and the filings.
 */
export class ReportRepository {
  constructor(private readonly store: StoreContext = defaultStore()) {}

  /**
   * The own figures of every (union, month) asked for, keyed by
   * `unionMonthKey(union, month)`, each the sum of its FIGURE_SHARDS items; a
   * union-month with no counter item yet has `{}`. One BatchGetItem per 100
   * keys (unions × months × shards), whatever the number of cases.
   * `consistent` for reads that must see every committed case change
   * (filing, reconciliation).
   */
  async figures(
    unionCodes: readonly string[],
    months: readonly string[],
    { consistent = false }: { consistent?: boolean } = {},
  ): Promise<Map<string, Figures>> {
    const result = new Map<string, Figures>();
    /** Item key → union-month key, so answers (which come in any order) land where they belong. */
    const unionMonthOf = new Map<string, string>();
    // BatchGetItem refuses a request that names one key twice.
    const requested = [...new Set(unionCodes)].flatMap((unionCode) =>
      [...new Set(months)].flatMap((month) => {
        result.set(unionMonthKey(unionCode, month), {});
        return Array.from({ length: FIGURE_SHARDS }, (_, shard) => {
          const key = keys.monthlyFigures(unionCode, month, shard);
          unionMonthOf.set(itemKey(key.PK, key.SK), unionMonthKey(unionCode, month));
          return key;
        });
      }),
    );
    const items = await batchGetAll(this.store, requested, consistent);
    // A union-month's figures are the sum of its shards.
    for (const item of items) {
      const unionMonth = unionMonthOf.get(itemKey(item.PK as string, item.SK as string));
      if (unionMonth) result.set(unionMonth, sumFigures([result.get(unionMonth)!, figuresOf(item)]));
    }
    return result;
  }

  /** The union's latest filing for the month, if it filed one: one Query, newest revision first. */
  async latestFiling(
    unionCode: string,
    month: string,
    { consistent = false }: { consistent?: boolean } = {},
  ): Promise<ReportFiling | undefined> {
    const page = await queryPage(this.store, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.reportFiling(unionCode, month, 0).PK, ':prefix': keys.reportFilingPrefix(month) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: consistent,
    });
    const item = page.Items?.[0];
    if (!item) return undefined;
    return {
      unionCode: item.unionCode as string,
      month: item.month as string,
      revision: item.revision as number,
      filedAt: item.filedAt as string,
      filedBy: item.filedBy as string,
      figures: item.figures as Figures,
    };
  }

  /**
   * Records a filing as its revision, never overwriting one: of two
   * legal-department members filing the same revision at once, exactly one
   * succeeds and the other gets FilingConflict. A filing whose first attempt
   * was applied but answered with a 500 is not told that someone else filed
   * (see conditionalPut).
   */
  async file(filing: ReportFiling): Promise<void> {
    const filed = await putIf(this.store, {
      Item: { ...keys.reportFiling(filing.unionCode, filing.month, filing.revision), entity: ENTITY.reportFiling, ...filing },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    if (!filed) throw new FilingConflict(filing.revision);
  }
}

const itemKey = (pk: string, sk: string) => `${pk}\n${sk}`;

/** A counter item's figures: every numeric attribute but the keys and `entity`. */
function figuresOf(item: Record<string, unknown>): Figures {
  const figures: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name !== 'PK' && name !== 'SK' && name !== 'entity' && typeof value === 'number') figures[name] = value;
  }
  return figures;
}
