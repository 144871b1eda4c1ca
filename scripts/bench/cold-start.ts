/**
 * Part of `npm run bench`: the cold-start budget of every function in the
 * route table and the job list (the architecture brief, "Performance
 * principles"). Each handler is bundled exactly as deployed
 * (infra/bundling.ts) and compared with the floor, a bare DynamoDB
 * DocumentClient bundled the same way (floor.ts), on
 *   - minified bundle size, and
 *   - module init time: `await import(bundle)` timed inside fresh `node`
 *     processes, median over interleaved rounds.
 * The floor is timed several times in every round, spread through it, so the
 * denominator of every ratio rests on more samples than any one function.
 *
 * The measurement is invalid (and the benchmark exits 1) when a bundle does
 * not load or an import tries the network.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUNDLING } from '../../infra/bundling.js';
import { JOBS } from '../../functions/jobs.js';
import { ROUTES } from '../../functions/routes.js';
import { bundleMany, bundleProbe, excessOverFloor, type Bundle, type InputShare, type Subject } from './build.js';
import { probe, sampleInterleaved } from './measure.js';
import { kib, renderShares, renderTable, withinTarget, type Row, type Targets } from './report.js';
import { median, percentile } from './stats.js';

/** The budget from the cold-start issue (14): at most 1.15× the floor, in size and in median init time. */
export const COLD_START_TARGETS: Targets = { sizeRatio: 1.15, initRatio: 1.15 };

export interface ColdStartOptions {
  readonly repoRoot: string;
  readonly outDir: string;
  /** Rounds are added until this much time has gone on timing, between `minRounds` and `maxRounds`. */
  readonly timingBudgetMs: number;
  readonly minRounds: number;
  readonly maxRounds: number;
  readonly progress: (message: string) => void;
}

export interface ColdStart {
  readonly rounds: number;
  readonly floor: Row;
  readonly rows: Row[];
  /** For each function over budget: what it carries beyond the floor. */
  readonly misses: string[];
  /** Every function's additions beyond the floor, by package (or folder of ours), largest first. */
  readonly beyondFloor: Record<string, InputShare[]>;
  /** Functions whose import reached for the network: the measurement is invalid. */
  readonly network: Record<string, string[]>;
  /** Why the timed bundles differ from the deployed ones, if they do. */
  readonly override?: string;
  readonly samplesMs: Record<string, number[]>;
}

const FLOOR: Subject = { name: 'floor', entry: 'scripts/bench/floor.ts' };
/** The floor is timed again after every this many functions. */
const FLOOR_EVERY = 6;
/** How long the load check waits after each import for network I/O the import only scheduled. */
const CHECK_SETTLE_MS = 500;
/** Load checks run side by side: they time nothing. */
const CHECKS_AT_ONCE = 4;

function coldStartSubjects(): Subject[] {
  const subjects = [
    ...ROUTES.map((route) => ({ name: route.contract.name, entry: route.entry })),
    ...JOBS.map((job) => ({ name: job.name, entry: job.entry })),
  ];
  return subjects.filter((subject, index) => subjects.findIndex(({ name }) => name === subject.name) === index);
}

async function bundleAll(
  options: ColdStartOptions,
  subjects: readonly Subject[],
  outDir: string,
  target?: string,
): Promise<Bundle[]> {
  await mkdir(outDir, { recursive: true });
  return bundleMany(options.repoRoot, subjects, outDir, target ? { target } : {});
}

interface LoadCheck {
  /** Bundles whose import threw, with the error's name (SyntaxError means: this Node cannot parse the target's syntax). */
  readonly failures: { name: string; errorName: string; detail: string }[];
  readonly network: Record<string, string[]>;
}

/** Imports every bundle once in a fresh process on this Node, waiting after each for scheduled network I/O. */
async function checkLoads(probeFile: string, bundles: readonly Bundle[]): Promise<LoadCheck> {
  const check: LoadCheck = { failures: [], network: {} };
  for (let start = 0; start < bundles.length; start += CHECKS_AT_ONCE) {
    const batch = bundles.slice(start, start + CHECKS_AT_ONCE);
    const results = await Promise.all(batch.map((built) => probe(probeFile, built.file, CHECK_SETTLE_MS)));
    results.forEach((result, index) => {
      const name = batch[index]!.subject.name;
      if (result.network.length > 0) check.network[name] = [...result.network];
      if (result.kind === 'import-error') check.failures.push({ name, errorName: result.errorName, detail: result.detail });
    });
  }
  return check;
}

class InvalidMeasurement extends Error {
  constructor(message: string, failures: LoadCheck['failures']) {
    super(`${message}\n${failures.map(({ name, detail }) => `\n${name}:\n${detail}`).join('')}`);
  }
}

/**
 * The bundles to time. Lambda runs Node `BUNDLING.target`; this machine may
 * run an older Node. If that Node cannot parse the deployed bundles, rebuild
 * them with only `target` lowered to this Node, for timing; sizes are still
 * those of the deployed bundles.
 */
async function timingBuild(
  options: ColdStartOptions,
  probeFile: string,
  deployed: Bundle[],
): Promise<{ bundles: Bundle[]; network: Record<string, string[]>; override?: string }> {
  const check = await checkLoads(probeFile, deployed);
  if (check.failures.length === 0) return { bundles: deployed, network: check.network };
  if (!check.failures.every(({ errorName }) => errorName === 'SyntaxError'))
    throw new InvalidMeasurement('These bundles do not load, so their init time cannot be measured:', check.failures);

  const localTarget = `node${process.versions.node.split('.')[0]}`;
  const rebuilt = await bundleAll(
    options,
    deployed.map(({ subject }) => subject),
    path.join(options.outDir, localTarget),
    localTarget,
  );
  const recheck = await checkLoads(probeFile, rebuilt);
  if (recheck.failures.length > 0)
    throw new InvalidMeasurement(`Even with target ${localTarget} these bundles do not load:`, recheck.failures);
  return {
    bundles: rebuilt,
    network: recheck.network,
    override:
      `Node ${process.version} cannot load bundles built for ${BUNDLING.target}, so init times were measured on bundles ` +
      `rebuilt with target ${localTarget} (only target changed); sizes are of the ${BUNDLING.target} bundles.`,
  };
}

/** Every function once, with the floor again after every FLOOR_EVERY of them (named floor#k, merged after). */
function roundOrder(bundles: readonly Bundle[]): { name: string; file: string }[] {
  const [floor, ...functions] = bundles;
  const order = [{ name: 'floor#0', file: floor!.file }];
  functions.forEach((built, index) => {
    order.push({ name: built.subject.name, file: built.file });
    if ((index + 1) % FLOOR_EVERY === 0) order.push({ name: `floor#${order.length}`, file: floor!.file });
  });
  return order;
}

function rowOf(built: Bundle, samplesMs: readonly number[], floor: { bytes: number; medianMs: number }): Row {
  const medianMs = median(samplesMs);
  return {
    name: built.subject.name,
    kib: kib(built.bytes),
    sizeRatio: built.bytes / floor.bytes,
    medianMs,
    initRatio: medianMs / floor.medianMs,
    p90Ms: percentile(samplesMs, 90),
  };
}

/** For each function over budget: the packages it carries beyond the floor, i.e. what pushes it over. */
function explainMisses(
  functions: readonly Bundle[],
  rows: readonly Row[],
  floor: Bundle,
  beyondFloor: Readonly<Record<string, InputShare[]>>,
): string[] {
  const lines: string[] = [];
  functions.forEach((built, index) => {
    const row = rows[index]!;
    const over = [
      withinTarget(row.sizeRatio, COLD_START_TARGETS.sizeRatio) ? '' : 'size',
      withinTarget(row.initRatio, COLD_START_TARGETS.initRatio) ? '' : 'init',
    ].filter(Boolean);
    if (over.length === 0) return;
    const allowance = kib(floor.bytes * (COLD_START_TARGETS.sizeRatio - 1));
    lines.push(
      `${row.name} (over on ${over.join(' and ')}): +${kib(built.bytes - floor.bytes).toFixed(1)} KiB over the floor, ` +
        `allowance ${allowance.toFixed(1)} KiB; largest additions:`,
    );
    lines.push(renderShares(beyondFloor[built.subject.name]!.slice(0, 5), built.bytes));
  });
  return lines;
}

export async function benchColdStart(options: ColdStartOptions): Promise<ColdStart> {
  const subjects = [FLOOR, ...coldStartSubjects()];
  options.progress(`cold start: bundling ${subjects.length} entries as deployed (target ${BUNDLING.target})… `);
  const deployed = await bundleAll(options, subjects, path.join(options.outDir, BUNDLING.target));
  const probeFile = await bundleProbe(options.repoRoot, path.join(options.outDir, 'child.mjs'));
  options.progress(`checking each loads without network I/O… `);
  const timing = await timingBuild(options, probeFile, deployed);

  options.progress('timing rounds: ');
  const started = performance.now();
  const samples = await sampleInterleaved(probeFile, roundOrder(timing.bundles), (round) => {
    options.progress(`${round} `);
    const spent = performance.now() - started;
    const perRound = spent / round;
    return round < options.minRounds || (round < options.maxRounds && spent + perRound <= options.timingBudgetMs);
  });
  const rounds = samples.rounds;
  options.progress(`(${rounds} rounds)\n`);

  const samplesMs: Record<string, number[]> = { floor: [] };
  for (const [name, values] of samples.ms) {
    if (name.startsWith('floor#')) samplesMs.floor!.push(...values);
    else samplesMs[name] = values;
  }
  const [floorBundle, ...functions] = deployed;
  const floorMedian = median(samplesMs.floor!);
  const floor = { bytes: floorBundle!.bytes, medianMs: floorMedian };
  const rows = functions.map((built) => rowOf(built, samplesMs[built.subject.name]!, floor));
  const beyondFloor = Object.fromEntries(functions.map((built) => [built.subject.name, excessOverFloor(built, floorBundle!)]));
  const network = { ...timing.network };
  for (const [name, attempts] of samples.network) if (attempts.length > 0) (network[name] ??= []).push(...attempts);
  return {
    rounds,
    floor: { ...rowOf(floorBundle!, samplesMs.floor!, floor), name: 'floor (bare DocumentClient)' },
    rows,
    misses: explainMisses(functions, rows, floorBundle!, beyondFloor),
    beyondFloor,
    network,
    ...(timing.override ? { override: timing.override } : {}),
    samplesMs,
  };
}

/** The per-function table and what pushes each miss over, printed before the final summary. */
export function renderColdStart(result: ColdStart): string {
  const lines = [
    `Cold start vs the floor: ${result.rounds} interleaved rounds, a fresh process per import, the floor timed ` +
      `${result.samplesMs.floor!.length} times; init = \`await import(bundle)\` inside the process (not process start-up).`,
    renderTable(result.rows, result.floor, COLD_START_TARGETS),
  ];
  if (result.override) lines.push(`note: ${result.override}`);
  if (result.misses.length > 0)
    lines.push('\nWhat each function over budget bundles beyond the floor (bytes):', ...result.misses);
  return lines.join('\n');
}
