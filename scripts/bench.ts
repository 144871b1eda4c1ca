/**
 * `npm run bench [-- --runs N]`: the cold-start budget of every function in
 * the route table (the architecture brief, "Performance
 * principles"). Each handler is bundled exactly as deployed (infra/bundling.ts)
 * and compared with the floor, a bare DynamoDB DocumentClient bundled the same
 * way (scripts/bench/floor.ts), on
 *   - minified bundle size, and
 *   - module init time: `await import(bundle)` timed inside fresh `node`
 *     processes, median and p90 over N runs (default 21).
 * A function meets its budget when both are within TARGETS × the floor.
 *
 * It reports, it does not assert: the exit code is 0 when targets are missed
 * (timings belong in a report, not in a test) and 1 only when the measurement
 * itself is invalid: a bundle that does not load, or an import that tries the
 * network. Everything lands in .bench/ (git-ignored), raw samples in
 * .bench/results.json.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BUNDLING } from '../infra/bundling.js';
import { JOBS } from '../functions/jobs.js';
import { benchReports } from './bench-reports.js';
import { ROUTES } from '../functions/routes.js';
import { bundle, bundleProbe, excessOverFloor, inputsBySize, modulesBySize, type Bundle, type Subject } from './bench/build.js';
import { CHILD_ENV, probe, sampleInterleaved, type Samples } from './bench/measure.js';
import { OVER_MARK, kib, renderShares, renderTable, tightest, withinTarget, type Row, type Targets } from './bench/report.js';
import { median, percentile, round } from './bench/stats.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(REPO_ROOT, '.bench');

/** The budget from the cold-start issue: at most 1.3× the floor, in size and in median init time. */
const TARGETS: Targets = { sizeRatio: 1.3, initRatio: 1.3 };

const DEFAULT_RUNS = 21;
/** Below this a median of process start-ups is mostly noise. */
const MIN_RUNS = 15;
/** How long the load check waits after each import for network I/O the import only scheduled. */
const CHECK_SETTLE_MS = 1000;

const FLOOR: Subject = { name: 'floor', entry: 'scripts/bench/floor.ts' };

function parseRuns(argv: readonly string[]): number {
  const at = argv.findIndex((arg) => arg === '--runs' || arg.startsWith('--runs='));
  if (at === -1) return DEFAULT_RUNS;
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < MIN_RUNS) {
    console.error(
      `--runs takes a whole number of at least ${MIN_RUNS} (got ${JSON.stringify(value)}). Usage: npm run bench -- [--runs N]`,
    );
    process.exit(2);
  }
  return runs;
}

function progress(message: string): void {
  process.stderr.write(message);
}

/** One after the other: esbuild is already parallel inside, and the machine has 2 cores. */
async function bundleAll(subjects: readonly Subject[], outDir: string, overrides: { target?: string } = {}): Promise<Bundle[]> {
  await mkdir(outDir, { recursive: true });
  const bundles: Bundle[] = [];
  for (const subject of subjects) bundles.push(await bundle(REPO_ROOT, subject, outDir, overrides));
  return bundles;
}

interface LoadCheck {
  /** Bundles whose import threw, with the error's name (SyntaxError means: this Node cannot parse the target's syntax). */
  readonly failures: { name: string; errorName: string; detail: string }[];
  readonly network: Map<string, string[]>;
}

/**
 * Imports every bundle once in a fresh process on this Node, waiting after
 * each for scheduled network I/O. Doubles as the warm-up round (file cache),
 * so its times are discarded.
 */
async function checkLoads(probeFile: string, bundles: readonly Bundle[]): Promise<LoadCheck> {
  const check: LoadCheck = { failures: [], network: new Map() };
  for (const built of bundles) {
    const result = await probe(probeFile, built.file, CHECK_SETTLE_MS);
    if (result.network.length > 0) check.network.set(built.subject.name, [...result.network]);
    if (result.kind === 'import-error') {
      const blocked = result.network.length > 0 ? `\n(network attempts, blocked: ${result.network.join('; ')})` : '';
      check.failures.push({ name: built.subject.name, errorName: result.errorName, detail: `${result.detail}${blocked}` });
    }
  }
  return check;
}

interface TimingBuild {
  readonly bundles: Bundle[];
  readonly target: string;
  /** Why the timing bundles differ from the deployed ones, if they do. */
  readonly override?: string;
  readonly network: Map<string, string[]>;
}

/**
 * The bundles to time. Lambda runs Node `BUNDLING.target`; this machine may
 * run an older Node. If that Node cannot parse the deployed bundles, rebuild
 * them with only `target` lowered to this Node, for timing; sizes are still
 * reported from the deployed bundles.
 */
async function timingBuild(probeFile: string, deployed: Bundle[]): Promise<TimingBuild> {
  const check = await checkLoads(probeFile, deployed);
  if (check.failures.length === 0) return { bundles: deployed, target: BUNDLING.target, network: check.network };

  const unparsable = check.failures.every(({ errorName }) => errorName === 'SyntaxError');
  if (!unparsable) fail('These bundles do not load, so their init time cannot be measured:', check.failures);

  const localTarget = `node${process.versions.node.split('.')[0]}`;
  const rebuilt = await bundleAll(
    deployed.map(({ subject }) => subject),
    path.join(OUT_DIR, localTarget),
    { target: localTarget },
  );
  const recheck = await checkLoads(probeFile, rebuilt);
  if (recheck.failures.length > 0) fail(`Even with target ${localTarget} these bundles do not load:`, recheck.failures);
  return {
    bundles: rebuilt,
    target: localTarget,
    override:
      `Node ${process.version} cannot load bundles built for ${BUNDLING.target} (${check.failures.map(({ name }) => name).join(', ')}: SyntaxError), ` +
      `so init times were measured on bundles rebuilt with target ${localTarget} (only target changed); sizes are of the ${BUNDLING.target} bundles.`,
    network: recheck.network,
  };
}

function fail(message: string, failures: LoadCheck['failures']): never {
  console.error(message);
  for (const { name, detail } of failures) console.error(`\n${name}:\n${detail}`);
  process.exit(1);
}

function subjectOf(route: (typeof ROUTES)[number]): Subject {
  return { name: route.contract.name, entry: route.entry };
}

interface Measured {
  readonly built: Bundle;
  readonly timingBytes: number;
  readonly samplesMs: number[];
  readonly medianMs: number;
  readonly p90Ms: number;
}

function measured(deployed: readonly Bundle[], timing: readonly Bundle[], samples: Samples): Measured[] {
  return deployed.map((built, index) => {
    const samplesMs = samples.ms.get(built.subject.name) ?? [];
    return { built, timingBytes: timing[index]!.bytes, samplesMs, medianMs: median(samplesMs), p90Ms: percentile(samplesMs, 90) };
  });
}

function rowOf(subject: Measured, floor: Measured): Row {
  return {
    name: subject.built.subject.name,
    kib: kib(subject.built.bytes),
    sizeRatio: subject.built.bytes / floor.built.bytes,
    medianMs: subject.medianMs,
    initRatio: subject.medianMs / floor.medianMs,
    p90Ms: subject.p90Ms,
  };
}

/** For each function over budget: the packages it carries beyond the floor, i.e. what pushes it over. */
function explainMisses(functions: readonly Measured[], rows: readonly Row[], floor: Measured): string[] {
  const lines: string[] = [];
  functions.forEach((subject, index) => {
    const row = rows[index]!;
    const over = [
      withinTarget(row.sizeRatio, TARGETS.sizeRatio) ? '' : 'size',
      withinTarget(row.initRatio, TARGETS.initRatio) ? '' : 'init',
    ].filter(Boolean);
    if (over.length === 0) return;
    const allowance = kib(floor.built.bytes * (TARGETS.sizeRatio - 1));
    const extra = kib(subject.built.bytes - floor.built.bytes);
    lines.push(
      `${row.name} (over on ${over.join(' and ')}): +${extra.toFixed(1)} KiB over the floor, allowance ${allowance.toFixed(1)} KiB; largest additions:`,
    );
    lines.push(renderShares(excessOverFloor(subject.built, floor.built).slice(0, 5), subject.built.bytes));
  });
  return lines;
}

function mergeNetwork(...sources: Map<string, string[]>[]): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const source of sources)
    for (const [name, attempts] of source) if (attempts.length > 0) (merged[name] ??= []).push(...attempts);
  return merged;
}

async function main(): Promise<void> {
  const started = performance.now();
  const runs = parseRuns(process.argv.slice(2));
  const subjects = [FLOOR, ...ROUTES.map(subjectOf), ...JOBS.map((job) => ({ name: job.name, entry: job.entry }))];

  progress(`bundling ${subjects.length} entries with infra/bundling.ts (target ${BUNDLING.target})…\n`);
  await rm(OUT_DIR, { recursive: true, force: true });
  const deployed = await bundleAll(subjects, path.join(OUT_DIR, BUNDLING.target));
  const probeFile = await bundleProbe(REPO_ROOT, path.join(OUT_DIR, 'child.mjs'));

  progress(`checking every bundle loads on Node ${process.version} without network I/O (also the discarded warm-up round)…\n`);
  const timing = await timingBuild(probeFile, deployed);
  if (timing.override) progress(`note: ${timing.override}\n`);

  progress(`timing ${runs} interleaved rounds of ${subjects.length} fresh processes: `);
  const samples = await sampleInterleaved(
    probeFile,
    timing.bundles.map((built) => ({ name: built.subject.name, file: built.file })),
    runs,
    (round) => progress(round === runs ? `${round}\n` : `${round} `),
  );

  const [floor, ...functions] = measured(deployed, timing.bundles, samples);
  const rows = functions.map((subject) => rowOf(subject, floor!));
  const floorRow = { ...rowOf(floor!, floor!), name: 'floor (bare DocumentClient)' };
  const checks = rows.flatMap((row) => [
    withinTarget(row.sizeRatio, TARGETS.sizeRatio),
    withinTarget(row.initRatio, TARGETS.initRatio),
  ]);
  const met = checks.filter(Boolean).length;
  const largest = [...functions].sort((a, b) => b.built.bytes - a.built.bytes)[0]!;
  const network = mergeNetwork(timing.network, samples.network);

  console.log(
    `\nCold start vs the floor, Node ${process.version}, ${cpus().length} CPUs, ${runs} runs per bundle (interleaved, fresh process each)`,
  );
  console.log(
    `bundles: infra/bundling.ts options, target ${BUNDLING.target}; ` +
      (timing.override
        ? `timed as ${timing.target} (see note)\n`
        : `these load on Node ${process.version} as built, so no target override\n`),
  );
  console.log(renderTable(rows, floorRow, TARGETS));
  console.log(
    `\n${OVER_MARK} = over the ${TARGETS.sizeRatio}× size / ${TARGETS.initRatio}× init target. init = time of \`await import(bundle)\` inside the process (not process start-up).`,
  );
  if (timing.override) console.log(`note: ${timing.override}`);
  console.log(tightest(rows, floorRow, TARGETS).join('\n'));

  console.log(
    `\nLargest function bundle, ${largest.built.subject.name} (${kib(largest.built.bytes).toFixed(1)} KiB): top 5 inputs by minified bytes`,
  );
  console.log(renderShares(inputsBySize(largest.built).slice(0, 5), largest.built.bytes));
  console.log('by package:');
  console.log(renderShares(modulesBySize(largest.built).slice(0, 5), largest.built.bytes));

  const misses = explainMisses(functions, rows, floor!);
  if (misses.length > 0) {
    // Bytes do not apportion init time: module-scope work (building zod schemas, say) costs far more per byte than
    // library code that only defines functions. To attribute milliseconds, time the floor plus one module with the same probe.
    console.log(
      `\nWhat each function over budget bundles beyond the floor, per package (bytes, not milliseconds):\n${misses.join('\n')}`,
    );
  }

  const networkNames = Object.keys(network);
  console.log(
    networkNames.length === 0
      ? '\nnetwork: no bundle attempted network I/O during import (TCP, DNS, UDP and fetch were trapped).'
      : `\nnetwork: INVALID: ${networkNames.join(', ')} attempted network I/O during import:\n${JSON.stringify(network, null, 2)}`,
  );

  const durationMs = performance.now() - started;
  await writeFile(
    path.join(OUT_DIR, 'results.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        runs,
        targets: TARGETS,
        childEnv: CHILD_ENV,
        bundling: { deployedTarget: BUNDLING.target, timingTarget: timing.target, override: timing.override ?? null },
        floor: resultOf(floor!, floorRow),
        functions: functions.map((subject, index) => resultOf(subject, rows[index]!)),
        network,
        targetsMet: met,
        targetsTotal: checks.length,
        durationMs: round(durationMs, 0),
      },
      null,
      2,
    )}\n`,
  );

  console.log(`\ntargets met: ${met}/${checks.length}`);
  console.log(
    `(${(durationMs / 1000).toFixed(1)} s; raw samples in .bench/results.json, metafiles beside each bundle in .bench/)`,
  );
  if (networkNames.length > 0) process.exitCode = 1;
}

function resultOf(subject: Measured, row: Row): object {
  return {
    name: subject.built.subject.name,
    entry: subject.built.subject.entry,
    bundle: {
      file: path.relative(REPO_ROOT, subject.built.file),
      bytes: subject.built.bytes,
      kib: round(row.kib, 2),
      timingBytes: subject.timingBytes,
    },
    sizeRatio: round(row.sizeRatio, 3),
    init: { samplesMs: subject.samplesMs, medianMs: round(row.medianMs, 3), p90Ms: round(row.p90Ms, 3) },
    initRatio: round(row.initRatio, 3),
    meetsSize: withinTarget(row.sizeRatio, TARGETS.sizeRatio),
    meetsInit: withinTarget(row.initRatio, TARGETS.initRatio),
    topInputs: inputsBySize(subject.built).slice(0, 10),
    topPackages: modulesBySize(subject.built).slice(0, 10),
  };
}

await main();
// Then what one monthly report costs at 500 and at 50,000 cases (scripts/bench-reports.ts).
await benchReports();
