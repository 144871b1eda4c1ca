/**
 * Part of `npm run bench`: what one monthly report costs when the month holds
 * 500 cases and when it holds 50,000. Both tables live in one DynamoDB Local,
 * hold the demo unions, the case items themselves (so the indexes are as full
 * as they would be) and the union-month counters exactly as the case
 * transactions leave them (the sum of `figureDeltas` over each case's
 * history, on each case's shard). The floor is the 500-case report measured in the same run:
 * the result is the ratio, and the request units of one report.
 */
import './local/preflight.js';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_CLOCK_RULES } from '../shared/domain/case-clocks.js';
import { closeCase } from '../shared/domain/case-work.js';
import { type CaseRecord } from '../shared/domain/cases.js';
import { planRegistration } from '../shared/domain/registration.js';
import { figureDeltas } from '../shared/domain/figures.js';
import { UnionDirectory } from '../shared/domain/unions.js';
import { CATEGORIES, OUTCOMES, keysOf } from '../shared/domain/vocabulary.js';
import { measureCapacity } from '../shared/observability/consumed-capacity.js';
import { FIGURE_SHARDS, figureShardOf, keys, listIndexAttributes, listSortKey } from '../shared/store/keys.js';
import { ReportRepository } from '../shared/store/report-repository.js';
import { UnionRepository, forgetCachedDirectory } from '../shared/store/union-repository.js';
import { monthlyReport } from '../shared/usecases/reports.js';
import { median, percentile, round } from './bench/stats.js';
import { DEMO_UNIONS, DEMO_USERS } from './local/demo-data.js';
import { startDynamoDbLocal } from './local/dynamodb-local.js';
import { prepareStore } from './local/environment.js';
import { ENTITY } from '../shared/store/entities.js';

const MONTH = '2026-10';
const SIZES = [500, 50_000] as const;

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
  for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map(write));
}

/** The cases, and the counters their transactions would have left. */
async function populate(client: DynamoDBDocumentClient, tableName: string, count: number): Promise<void> {
  const totals = new Map<string, Record<string, number>>();
  const caseItems: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const caseRecord = syntheticCase(index);
    caseItems.push({
      ...keys.case(caseRecord.caseId),
      entity: ENTITY.case,
      ...caseRecord,
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
  await batchWrite(client, tableName, caseItems);
  await batchWrite(
    client,
    tableName,
    [...totals].map(([shardKey, figures]) => {
      const [unionCode, month, shard] = shardKey.split('#') as [string, string, string];
      return { ...keys.monthlyFigures(unionCode, month, Number(shard)), entity: ENTITY.monthlyFigures, ...figures };
    }),
  );
}

/** Runs the report benchmark and prints its table (the second part of `npm run bench`). */
export async function benchReports(reportsPerSize = 200): Promise<void> {
  const REPORTS_PER_SIZE = reportsPerSize;
  const dynamoDb = await startDynamoDbLocal();
  try {
    const client = DynamoDBDocumentClient.from(dynamoDb.client, { marshallOptions: { removeUndefinedValues: true } });
    const deps = new Map<number, Parameters<typeof monthlyReport>[0]>();
    for (const size of SIZES) {
      const tableName = `bench-reports-${size}`;
      await prepareStore(dynamoDb, tableName);
      const started = performance.now();
      await populate(client, tableName, size);
      console.log(`${size} cases written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const store = { client, tableName };
      deps.set(size, {
        unions: new UnionRepository(store),
        reports: new ReportRepository(store),
        now: () => new Date('2026-11-21T08:00:00Z'),
      });
    }

    const samples = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    const units = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    // Interleaved, after one warm-up each, so drift in the machine's load hits both sizes alike.
    for (let round = -1; round < REPORTS_PER_SIZE; round++) {
      for (const size of SIZES) {
        forgetCachedDirectory();
        await deps.get(size)!.unions.directory();
        const started = performance.now();
        const { result: report, units: consumedUnits } = await measureCapacity(() =>
          monthlyReport(deps.get(size)!, caller, { union: '210100', month: MONTH }),
        );
        const elapsed = performance.now() - started;
        const consumed = consumedUnits.readUnits;
        if (round < 0) {
          const opened = (report as unknown as { months: { subtree: { figures: Record<string, number> } }[] }).months?.[0]
            ?.subtree?.figures?.opened;
          console.log(`report of ${size} cases: opened = ${opened ?? 'see JSON'}`);
          continue;
        }
        samples.get(size)!.push(elapsed);
        units.get(size)!.push(consumed);
      }
    }

    const [small, large] = SIZES;
    const floor = median(samples.get(small)!);
    console.log(`\nMonthly report of 沈阳市 (${MONTH}), ${REPORTS_PER_SIZE} reports per size, interleaved:`);
    console.log('cases   median ms   p95 ms   × floor   read units per report');
    for (const size of SIZES) {
      const values = samples.get(size)!;
      console.log(
        `${String(size).padEnd(7)} ${String(round(median(values), 2)).padEnd(11)} ${String(round(percentile(values, 95), 2)).padEnd(8)} ${String(round(median(values) / floor, 2)).padEnd(9)} ${median(units.get(size)!)}`,
      );
    }
    console.log(`\nlatency at ${large} cases ÷ at ${small}: ${round(median(samples.get(large)!) / floor, 2)}× (budget 1.2×)`);
  } finally {
    await dynamoDb.stop();
  }
}

// Run on its own: `tsx scripts/bench-reports.ts [--reports N]`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--reports');
  benchReports(at > 0 ? Number(process.argv[at + 1]) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
