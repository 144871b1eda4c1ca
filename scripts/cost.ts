/**
 * `npm run cost` — regenerates the tables of docs/cost.md (between its
 * `generated:begin` and `generated:end` markers) from:
 * - the request units each route may cost: functions/capacity-budgets.ts;
 * - the functions' measured duration and memory: docs/cost-measurements.json
 *   (`npm run measure:functions`);
 * - the traffic model and the list prices: scripts/cost/model.ts.
 * `npm run cost -- --print` prints the tables instead of writing the file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { CAPACITY_BUDGETS } from '../functions/capacity-budgets.js';
import { ROUTES } from '../functions/routes.js';
import { isPublic } from '../shared/http/contract.js';
import {
  BACKGROUND,
  FUNCTION_MEMORY_MB,
  LOG_BYTES_PER_REQUEST,
  PER_CASE,
  PER_UNION_MONTH,
  PRICES,
  SCENARIOS,
  type Price,
  type PriceList,
  type Scenario,
} from './cost/model.js';
import type { Measurements } from './measure-functions.js';

const DOC = fileURLToPath(new URL('../docs/cost.md', import.meta.url));
const MEASUREMENTS = fileURLToPath(new URL('../docs/cost-measurements.json', import.meta.url));
const BEGIN = '<!-- generated:begin (npm run cost) -->';
const END = '<!-- generated:end -->';
const GB = 1024 ** 3;

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** A Markdown table: the first `textColumns` columns left-aligned, the figures after them right-aligned. */
const table = (header: string[], rows: (string | number)[][], textColumns = 1) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index < textColumns ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

interface Usage {
  readonly requests: Map<string, number>;
  readonly apiRequests: number;
  readonly invocations: number;
  readonly gbSeconds: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly storageGb: (months: number) => number;
  readonly logGb: number;
}

function usage(scenario: Scenario, measurements: Measurements): Usage {
  const durations = new Map(measurements.functions.map((f) => [f.name, f.medianMs]));
  const requests = new Map<string, number>();
  for (const { contract } of ROUTES) {
    const count =
      (PER_CASE[contract.name] ?? 0) * scenario.casesPerMonth + (PER_UNION_MONTH[contract.name] ?? 0) * scenario.unions;
    if (count > 0) requests.set(contract.name, count);
  }
  let apiRequests = 0;
  let staffRequests = 0;
  let gbSeconds = 0;
  let readUnits = 0;
  let writeUnits = 0;
  const gb = FUNCTION_MEMORY_MB / 1024;
  for (const [name, count] of requests) {
    const route = ROUTES.find(({ contract }) => contract.name === name)!.contract;
    const duration = durations.get(name);
    if (duration === undefined) throw new Error(`${name} is in the traffic model but has no measured duration`);
    const budget = CAPACITY_BUDGETS[name];
    if (!budget) throw new Error(`${name} is in the traffic model but has no capacity budget`);
    apiRequests += count;
    if (!isPublic(route.access)) staffRequests += count;
    gbSeconds += (count * duration * gb) / 1000;
    readUnits += count * budget.read;
    writeUnits += count * budget.write;
  }
  const cases = scenario.casesPerMonth;
  const streamInvocations = cases * BACKGROUND.streamInvocationsPerCase;
  const authorizerCalls = staffRequests / BACKGROUND.staffRequestsPerAuthorizerCall;
  const jobInvocations = BACKGROUND.sweepRunsPerMonth + streamInvocations + 1;
  gbSeconds += (jobInvocations * BACKGROUND.jobDurationMs * gb) / 1000;
  gbSeconds += (authorizerCalls * BACKGROUND.authorizerDurationMs * gb) / 1000;
  readUnits += BACKGROUND.sweepRunsPerMonth * BACKGROUND.sweepReadUnitsPerRun + cases * BACKGROUND.reconcileReadUnitsPerCase;
  writeUnits += cases * BACKGROUND.sweepWriteUnitsPerCase + streamInvocations * BACKGROUND.streamWriteUnitsPerInvocation;
  const invocations = apiRequests + jobInvocations + authorizerCalls;
  const bytesPerCase = measurements.storage?.bytesPerCase;
  if (!bytesPerCase) throw new Error('docs/cost-measurements.json has no storage figure: run npm run measure:functions');
  return {
    requests,
    apiRequests,
    invocations,
    gbSeconds,
    readUnits,
    writeUnits,
    storageGb: (months) => (bytesPerCase * cases * months) / GB,
    logGb: (invocations * LOG_BYTES_PER_REQUEST) / GB,
  };
}

/** A cost line: its amount, or the named parameter it waits for. */
type Amount = { readonly value: number } | { readonly missing: string };

function priced(quantity: number, price: Price, per = 1): Amount {
  if (price.value === undefined) return { missing: /parameter (\w+)/.exec(price.note ?? '')?.[1] ?? 'unpriced' };
  return { value: (quantity / per) * price.value };
}

function costLines(use: Usage, prices: PriceList): [string, Amount][] {
  const storage = (months: number) => {
    const freeGb = prices.partition === 'aws' ? 25 : 0; // the aws page's free 25 GB; none known for aws-cn
    return priced(Math.max(0, use.storageGb(months) - freeGb), prices.storagePerGbMonth);
  };
  const gbSecondPrice = prices.lambdaArmGbSecond.value === undefined ? prices.lambdaX86GbSecond : prices.lambdaArmGbSecond;
  const lambdaCompute = priced(use.gbSeconds, gbSecondPrice);
  const lambdaRequests = priced(use.invocations, prices.lambdaRequestsPerMillion, 1e6);
  const lambda: Amount =
    'value' in lambdaCompute && 'value' in lambdaRequests
      ? { value: lambdaCompute.value + lambdaRequests.value }
      : { missing: 'P_LAMBDA' };
  return [
    ['DynamoDB reads', priced(use.readUnits, prices.readRequestUnitsPerMillion, 1e6)],
    ['DynamoDB writes', priced(use.writeUnits, prices.writeRequestUnitsPerMillion, 1e6)],
    ['DynamoDB storage, month 12', storage(12)],
    ['DynamoDB storage, month 36', storage(36)],
    ['Lambda (requests + GB-s)', lambda],
    ['API Gateway REST', priced(use.apiRequests, prices.restApiRequestsPerMillion, 1e6)],
    ['CloudWatch Logs ingestion', priced(use.logGb, prices.logsIngestionPerGb)],
  ];
}

const show = (amount: Amount, currency: string) =>
  'value' in amount ? `${currency === 'USD' ? '$' : '¥'}${number(amount.value, 2)}` : `n/a (${amount.missing})`;

function totals(lines: [string, Amount][], month: 12 | 36): { value: number; missing: string[] } {
  const skip = month === 12 ? 'DynamoDB storage, month 36' : 'DynamoDB storage, month 12';
  let value = 0;
  const missing: string[] = [];
  for (const [name, amount] of lines) {
    if (name === skip) continue;
    if ('value' in amount) value += amount.value;
    else missing.push(amount.missing);
  }
  return { value, missing };
}

function render(measurements: Measurements): string {
  const byName = new Map(measurements.functions.map((f) => [f.name, f]));
  const sections: string[] = [];

  sections.push(
    `### Per route: request units and the function's duration and memory\n\n` +
      `Units: the route's budget in functions/capacity-budgets.ts (what the cost model uses) and what this run's ` +
      `log lines reported (median of the warm requests). Durations and memory: ${measurements.functions[0]?.invocations ?? 0} ` +
      `warm invocations after one cold one, measured ${measurements.measuredOn} on ${measurements.machine}, Node ${measurements.node}, ` +
      `against ${measurements.store}. Peak RSS is the whole \`node\` process that loaded only that function's bundle. ` +
      `Every function is configured with ${FUNCTION_MEMORY_MB} MB. Module init here was timed on a loaded machine; ` +
      `\`npm run bench\` is the authority on cold-start init.\n\n` +
      table(
        [
          'route',
          'function',
          'budget RU / WU',
          'measured RU / WU',
          'module init ms',
          'first call ms',
          'warm median ms',
          'warm p95 ms',
          'peak RSS MiB',
        ],
        ROUTES.map(({ contract }) => {
          const measured = byName.get(contract.name);
          const budget = CAPACITY_BUDGETS[contract.name];
          return [
            `${contract.method} ${contract.path}`,
            contract.name,
            budget ? `${budget.read} / ${budget.write}` : '—',
            measured ? `${measured.readUnits} / ${measured.writeUnits}` : '—',
            measured ? number(measured.initMs) : 'not measured',
            measured ? number(measured.coldMs) : '',
            measured ? number(measured.medianMs, 1) : '',
            measured ? number(measured.p95Ms, 1) : '',
            measured ? number(measured.maxRssMiB, 1) : '',
          ];
        }),
        2,
      ) +
      (measurements.notMeasured.length
        ? `\n\nNot measured: ${measurements.notMeasured.map(({ name, reason }) => `\`${name}\` (${reason})`).join('; ')}.`
        : ''),
  );

  const uses = SCENARIOS.map((scenario) => ({ scenario, use: usage(scenario, measurements) }));
  sections.push(
    `### Requests a month\n\n` +
      table(
        ['route', 'per case', 'per union-month', ...uses.map(({ scenario }) => scenario.name)],
        [...uses[0]!.use.requests.keys()].map((name) => [
          name,
          PER_CASE[name] ?? '',
          PER_UNION_MONTH[name] ?? '',
          ...uses.map(({ use }) => number(use.requests.get(name) ?? 0)),
        ]),
      ),
  );

  sections.push(
    `### Monthly quantities\n\n` +
      table(
        ['quantity', ...uses.map(({ scenario }) => scenario.name)],
        [
          ['API requests', ...uses.map(({ use }) => number(use.apiRequests))],
          ['Lambda invocations (routes, authorizer, jobs)', ...uses.map(({ use }) => number(use.invocations))],
          [`Lambda GB-seconds (${FUNCTION_MEMORY_MB} MB × warm median)`, ...uses.map(({ use }) => number(use.gbSeconds))],
          ['DynamoDB read request units', ...uses.map(({ use }) => number(use.readUnits))],
          ['DynamoDB write request units', ...uses.map(({ use }) => number(use.writeUnits))],
          ['Stored GB after 12 months', ...uses.map(({ use }) => number(use.storageGb(12), 2))],
          ['Stored GB after 36 months', ...uses.map(({ use }) => number(use.storageGb(36), 2))],
          ['Log GB ingested', ...uses.map(({ use }) => number(use.logGb, 2))],
        ],
      ) +
      `\n\nStorage: ${number(measurements.storage!.bytesPerCase)} bytes per case, measured: every item the run left ` +
      `(${number(measurements.storage!.items)} items for ${number(measurements.storage!.cases)} cases: events, counters, ` +
      `reservations, idempotency records) with its index copies, sized as DynamoDB bills storage (scripts/cost/item-size.ts).`,
  );

  for (const prices of PRICES) {
    const rows = uses.map(({ scenario, use }) => ({ scenario, lines: costLines(use, prices) }));
    const lineNames = rows[0]!.lines.map(([name]) => name);
    const totalRow = (month: 12 | 36) => [
      `**total, month ${month}**`,
      ...rows.map(({ lines }) => {
        const { value, missing } = totals(lines, month);
        const sum = `**${show({ value }, prices.currency)}**`;
        return missing.length ? `${sum} + ${[...new Set(missing)].join(' + ')}` : sum;
      }),
    ];
    sections.push(
      `### Monthly cost, \`${prices.partition}\` (${prices.region}, ${prices.currency}, list prices, before free tiers except DynamoDB's 25 GB)\n\n` +
        table(
          ['line', ...rows.map(({ scenario }) => scenario.name)],
          [
            ...lineNames.map((name, index) => [name, ...rows.map(({ lines }) => show(lines[index]![1], prices.currency))]),
            totalRow(12),
            totalRow(36),
          ],
        ),
    );
  }

  const priceRows = PRICES.flatMap((list) =>
    (
      [
        ['DynamoDB write', list.writeRequestUnitsPerMillion],
        ['DynamoDB read', list.readRequestUnitsPerMillion],
        ['DynamoDB storage', list.storagePerGbMonth],
        ['Lambda requests', list.lambdaRequestsPerMillion],
        ['Lambda arm64', list.lambdaArmGbSecond],
        ['Lambda x86_64', list.lambdaX86GbSecond],
        ['API Gateway REST', list.restApiRequestsPerMillion],
        ['CloudWatch Logs ingestion', list.logsIngestionPerGb],
      ] as const
    ).map(([what, price]) => [
      `\`${list.partition}\` ${list.region}`,
      what,
      price.value === undefined ? 'not found' : `${list.currency === 'USD' ? '$' : '¥'}${price.value}`,
      price.unit,
      price.source.startsWith('http') ? `<${price.source}>` : price.source,
      price.dated,
      price.note ?? '',
    ]),
  );
  sections.push(
    `### List prices used\n\n` + table(['partition', 'item', 'price', 'unit', 'source', 'date', 'note'], priceRows, 7),
  );
  return sections.join('\n\n');
}

async function main(): Promise<void> {
  const measurements = JSON.parse(await readFile(MEASUREMENTS, 'utf8')) as Measurements;
  const generated = render(measurements);
  if (process.argv.includes('--print')) {
    console.log(generated);
    return;
  }
  const doc = await readFile(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/cost.md lacks the markers ${BEGIN} … ${END}`);
  const rewritten = `${doc.slice(0, start + BEGIN.length)}\n\n${generated}\n\n${doc.slice(end)}`;
  // Formatted as `prettier --check` expects, so a regenerated document passes `npm run check` as it is.
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  await writeFile(DOC, await prettier.format(rewritten, { ...options, filepath: DOC }));
  console.log('docs/cost.md: generated tables rewritten');
}

await main();
