/**
 * Part of `npm run bench`: what a monthly report costs when the month holds
 * 500 cases (a city) and when it holds 50,000 (a province), three ways: the
 * month as JSON, the 12-month trend ending with it, and the month as an XLSX
 * file. Both tables live in one DynamoDB Local, hold the demo unions, the
 * case items themselves (so the indexes are as full as they would be) and
 * the union-month counters exactly as the case transactions leave them (the
 * sum of `figureDeltas` over each case's history, on each case's shard); the
 * eleven months before hold the same counters again (a trend reads counters
 * only, never cases). The floor is the 500-case report measured in the same
 * run: the result is the ratio, and the request units of one report.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_CLOCK_RULES } from '../../shared/domain/case-clocks.js';
import { closeCase } from '../../shared/domain/case-work.js';
import { type CaseRecord } from '../../shared/domain/cases.js';
import { planRegistration } from '../../shared/domain/registration.js';
import { figureDeltas } from '../../shared/domain/figures.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import { CATEGORIES, OUTCOMES, keysOf } from '../../shared/domain/vocabulary.js';
import { measureCapacity } from '../../shared/observability/consumed-capacity.js';
import { FIGURE_SHARDS, figureShardOf, keys, listIndexAttributes, listSortKey } from '../../shared/store/keys.js';
import { ReportRepository } from '../../shared/store/report-repository.js';
import { UnionRepository, forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { monthlyReport } from '../../shared/usecases/reports.js';
import { median, percentile, round } from './stats.js';
import { DEMO_UNIONS, DEMO_USERS } from '../local/demo-data.js';
import { prepareStore } from '../local/environment.js';
import { ENTITY } from '../../shared/store/entities.js';
import { caseItemFields } from '../../shared/store/case-item.js';
import { itemBytes } from '../cost/item-size.js';

const MONTH = '2026-10';
/** The trend: the twelve months ending with MONTH. */
const TREND_FROM = '2025-11';
export const REPORT_SIZES = [500, 50_000] as const;

const directory = new UnionDirectory(DEMO_UNIONS);
const districts = directory.childrenOf('210100').map((union) => union.code);
const categories = keysOf(CATEGORIES);
const outcomes = keysOf(OUTCOMES);
const admin = DEMO_USERS.find((user) => user.username === 'admin-shenyang')!;
const caller = { staffId: admin.sub, username: admin.username, roles: [admin.role], unionCode: admin.unionCode };

/**
 * A case id whose figures land on `shard`: every district gets cases on every
 * counter shard in both sizes, so both reports read the same set of items (as
 * a real union does after its first few dozen cases).
 */
function idOnShard(shard: number): string {
  for (;;) {
    const id = randomUUID();
    if (figureShardOf(id) === shard) return id;
  }
}

/** A month's synthetic case: registered in October in one of 沈阳's districts; two in three closed in the month. */
function syntheticCase(index: number): CaseRecord {
  const unionCode = districts[index % districts.length]!;
  const registeredAt = new Date(Date.UTC(2026, 9, 1 + (index % 28), index % 12));
  const newEventId = randomUUID;
  const plan = planRegistration(
    {
      kind: 'complaint',
      channel: index % 3 === 0 ? 'web' : 'hotline',
      category: categories[index % categories.length]!,
      regionCode: unionCode,
      complainant: {
        name: '职工',
        mobile: '13800000000',
        migrantWorker: index % 4 === 0,
        modelWorker: false,
        womanWorker: index % 5 === 0,
      },
      description: '基准测试案件',
      workersInvolved: 1 + (index % 12),
      amountClaimedFen: 100_000 + index,
    },
    {
      caseId: idOnShard(Math.floor(index / districts.length) % FIGURE_SHARDS),
      unionCode,
      unionPath: directory.pathOf(unionCode),
      sequence: index + 1,
      phoneHash: 'bench',
      now: registeredAt,
      actor: { kind: 'system' },
      newEventId,
      clockRules: DEFAULT_CLOCK_RULES,
      unionName: unionCode,
    },
  );
  if (index % 3 === 2) return plan.caseRecord;
  const closedAt = new Date(registeredAt.getTime() + 2 * 86_400_000);
  const admin = { staffId: 'bench', username: 'bench', roles: ['legal_admin' as const], unionCode };
  return closeCase({
    caseRecord: plan.caseRecord,
    closure: { outcome: outcomes[index % outcomes.length]!, summary: '办结', amountRecoveredFen: 50_000 + index },
    caller: admin,
    moment: { now: closedAt, newEventId },
  }).next;
}

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const write = async (batch: Record<string, unknown>[]) => {
    let requests: Record<string, unknown>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  };
  for (let i = 0; i < batches.length; i += 16) await Promise.all(batches.slice(i, i + 16).map(write));
}

/** The month before `month` (`YYYY-MM`). */
function monthBefore(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/**
 * The counters of `count` cases of MONTH (and the same counters in each of the
 * eleven months before), and the first `caseItems` of those cases as items.
 * Answers the bytes of MONTH's counters, as DynamoDB sizes them: what one
 * month's report reads.
 */
async function populate(
  client: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  caseItemCount: number,
): Promise<number> {
  const totals = new Map<string, Record<string, number>>();
  const caseItems: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const caseRecord = syntheticCase(index);
    if (index < caseItemCount)
      caseItems.push({
        ...keys.case(caseRecord.caseId),
        entity: ENTITY.case,
        ...caseItemFields(caseRecord),
        ...listIndexAttributes(caseRecord.unionPath),
        listSk: listSortKey(caseRecord.registeredAt, caseRecord.caseId),
      });
    for (const [unionMonth, figures] of figureDeltas(undefined, caseRecord)) {
      const key = `${unionMonth}#${figureShardOf(caseRecord.caseId)}`;
      const row = totals.get(key) ?? {};
      for (const [name, value] of Object.entries(figures)) row[name] = (row[name] ?? 0) + value;
      totals.set(key, row);
    }
  }
  const counters: Record<string, unknown>[] = [];
  for (const [shardKey, figures] of totals) {
    const [unionCode, month, shard] = shardKey.split('#') as [string, string, string];
    if (month !== MONTH) continue;
    for (let earlier = month, back = 0; back < 12; back++, earlier = monthBefore(earlier))
      counters.push({ ...keys.monthlyFigures(unionCode, earlier, Number(shard)), entity: ENTITY.monthlyFigures, ...figures });
  }
  await batchWrite(client, tableName, [...caseItems, ...counters]);
  const monthCounters = counters.filter((counter) => String(counter.SK).includes(MONTH));
  return monthCounters.reduce((sum, counter) => sum + itemBytes(marshall(counter)), 0);
}

export type ReportKind = 'month' | 'trend' | 'xlsx';
export const REPORT_KINDS: readonly ReportKind[] = ['month', 'trend', 'xlsx'];

export interface ReportFigures {
  readonly kind: ReportKind;
  readonly cases: number;
  readonly reports: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  /** Read units of one report, as DynamoDB Local counts them (the median over the run). */
  readonly readUnits: number;
  /** Bytes of the month's counters at this size (a counter item holds every figure name its cases reached). */
  readonly counterBytes: number;
}

export interface ReportOptions {
  readonly dynamoDb: { readonly client: DynamoDBClient };
  readonly reportsPerKind: number;
  /**
   * At most this many of a size's cases are written as items; all of them are
   * counted. DynamoDB Local takes about 250 case items a second on 2 cores, so
   * the 50,000 take minutes: the default run writes 2,000 of them, `--full` all.
   */
  readonly caseItemsAtMost: number;
  readonly progress: (message: string) => void;
}

/** One report of 沈阳市 of each kind, as the legal department asks for it. */
async function oneReport(deps: Parameters<typeof monthlyReport>[0], kind: ReportKind): Promise<unknown> {
  const report = await monthlyReport(deps, caller, {
    union: '210100',
    month: kind === 'trend' ? TREND_FROM : MONTH,
    ...(kind === 'trend' ? { to: MONTH } : {}),
  });
  if (kind !== 'xlsx') return report;
  // Loaded as the file route loads it, on first use.
  const { reportFile } = await import('../../shared/reports/export.js');
  return reportFile(report, 'xlsx');
}

/** Seeds both sizes, then times every kind of report at both, interleaved after one warm-up each. */
export async function benchReports(options: ReportOptions): Promise<ReportFigures[]> {
  const client = DynamoDBDocumentClient.from(options.dynamoDb.client, { marshallOptions: { removeUndefinedValues: true } });
  const deps = new Map<number, Parameters<typeof monthlyReport>[0]>();
  const counterBytes = new Map<number, number>();
  for (const size of REPORT_SIZES) {
    const tableName = `bench-reports-${size}-${randomUUID()}`;
    await prepareStore(options.dynamoDb, tableName);
    const started = performance.now();
    counterBytes.set(size, await populate(client, tableName, size, Math.min(size, options.caseItemsAtMost)));
    options.progress(
      `${size} cases (${Math.min(size, options.caseItemsAtMost)} as items) seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; `,
    );
    const store = { client, tableName };
    deps.set(size, {
      unions: new UnionRepository(store),
      reports: new ReportRepository(store),
      now: () => new Date('2026-11-21T08:00:00Z'),
    });
  }

  const samples = new Map<string, { ms: number[]; units: number[] }>();
  for (let round = -1; round < options.reportsPerKind; round++) {
    // Which size goes first alternates, so neither always runs in the other's wake (a GC, a warmed cache).
    const sizes = round % 2 === 0 ? REPORT_SIZES : [...REPORT_SIZES].reverse();
    for (const kind of REPORT_KINDS)
      for (const size of sizes) {
        forgetCachedDirectory();
        await deps.get(size)!.unions.directory();
        const started = performance.now();
        const { units } = await measureCapacity(() => oneReport(deps.get(size)!, kind));
        const elapsed = performance.now() - started;
        if (round < 0) continue; // the warm-up: connections, JIT, ExcelJS loaded
        const entry = samples.get(`${kind} ${size}`) ?? { ms: [], units: [] };
        entry.ms.push(elapsed);
        entry.units.push(units.readUnits);
        samples.set(`${kind} ${size}`, entry);
      }
  }
  options.progress(`${options.reportsPerKind} reports of each kind at each size\n`);
  return REPORT_KINDS.flatMap((kind) =>
    REPORT_SIZES.map((size) => {
      const { ms, units } = samples.get(`${kind} ${size}`)!;
      return {
        kind,
        cases: size,
        reports: ms.length,
        medianMs: median(ms),
        p95Ms: percentile(ms, 95),
        readUnits: median(units),
        counterBytes: counterBytes.get(size)!,
      };
    }),
  );
}

export const REPORT_KIND_NAMES: Readonly<Record<ReportKind, string>> = {
  month: 'month (JSON)',
  trend: '12-month trend',
  xlsx: 'month as XLSX',
};

export function renderReports(figures: readonly ReportFigures[]): string {
  const lines = [`Monthly report of 沈阳市 (${MONTH}; trend ${TREND_FROM}…${MONTH}), interleaved:`];
  lines.push('report           cases    median ms   p95 ms   × 500 cases   read units');
  for (const entry of figures) {
    const floor = figures.find((candidate) => candidate.kind === entry.kind && candidate.cases === REPORT_SIZES[0])!;
    lines.push(
      `${REPORT_KIND_NAMES[entry.kind].padEnd(16)} ${String(entry.cases).padStart(6)}   ${entry.medianMs.toFixed(2).padStart(9)}   ${entry.p95Ms.toFixed(2).padStart(6)}   ${(entry.medianMs / floor.medianMs).toFixed(2).padStart(10)}×   ${String(round(entry.readUnits, 1)).padStart(10)}`,
    );
  }
  return lines.join('\n');
}
