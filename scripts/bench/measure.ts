/**
 * Runs the probe (child.ts) in fresh `node` processes and collects the init
 * times it prints.
 */
import { spawn } from 'node:child_process';
import { EXIT_IMPORT_ERROR, EXIT_NETWORK, EXIT_OK, IMPORT_ERROR_PREFIX, NETWORK_PREFIX } from './protocol.js';

/**
 * A Lambda's environment with dummy credentials, and nothing inherited: no
 * NODE_OPTIONS (tsx's loader must not sit in the child), no developer AWS
 * profile, no DYNAMODB_ENDPOINT from a local dev shell.
 */
const CHILD_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'bench',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHDUMMY000000',
  AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  PHONE_HASH_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'weiquan',
};

export type ProbeResult =
  | { readonly kind: 'timed'; readonly ms: number; readonly network: readonly string[] }
  | { readonly kind: 'import-error'; readonly errorName: string; readonly detail: string; readonly network: readonly string[] };

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...CHILD_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last stdout line is the probe's number; anything a bundle itself printed comes before it. */
function parseMilliseconds(stdout: string): number {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const ms = Number(last);
  if (last === '' || !Number.isFinite(ms)) throw new Error(`probe printed no time (last stdout line: ${JSON.stringify(last)})`);
  return ms;
}

/** One fresh `node` process importing one bundle. `settleMs` keeps it alive after the import to catch network I/O the import merely scheduled. */
export async function probe(probeFile: string, bundleFile: string, settleMs = 0): Promise<ProbeResult> {
  const { code, stdout, stderr } = await run([probeFile, bundleFile, String(settleMs)]);
  const lines = stderr.split('\n');
  const network = lines.filter((line) => line.startsWith(NETWORK_PREFIX)).map((line) => line.slice(NETWORK_PREFIX.length));
  if (code === EXIT_IMPORT_ERROR && stderr.startsWith(IMPORT_ERROR_PREFIX)) {
    const [first = '', ...stack] = lines.filter((line) => !line.startsWith(NETWORK_PREFIX));
    return { kind: 'import-error', errorName: first.slice(IMPORT_ERROR_PREFIX.length), detail: stack.join('\n').trim(), network };
  }
  if (code !== EXIT_OK && code !== EXIT_NETWORK) throw new Error(`probe of ${bundleFile} exited ${code}:\n${stderr}`);
  return { kind: 'timed', ms: parseMilliseconds(stdout), network };
}

export interface Timed {
  readonly name: string;
  readonly file: string;
}

export interface Samples {
  /** Init times in ms per name, in run order. */
  readonly ms: Map<string, number[]>;
  /** Network attempts seen during the timed runs, per name. */
  readonly network: Map<string, string[]>;
  readonly rounds: number;
}

/** `items` shifted left by `by`: round r starts with the r-th bundle, so every bundle takes every position equally often. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Interleaved sampling: round 1 imports every bundle once, then round 2, …
 * rather than all runs of one bundle then all of the next, so a noisy moment
 * on the machine (2 cores, other work) lands on all bundles alike instead of
 * on one. One process at a time: parallel children would time each other.
 * After each round `another(round)` says whether to run one more.
 */
export async function sampleInterleaved(
  probeFile: string,
  bundles: readonly Timed[],
  another: (roundsDone: number) => boolean,
): Promise<Samples> {
  const ms = new Map(bundles.map(({ name }) => [name, [] as number[]]));
  const network = new Map(bundles.map(({ name }) => [name, [] as string[]]));
  let rounds = 0;
  do {
    for (const { name, file } of rotate(bundles, rounds)) {
      const result = await probe(probeFile, file);
      if (result.kind !== 'timed') throw new Error(`${name} stopped loading between runs: ${result.detail}`);
      ms.get(name)?.push(result.ms);
      network.get(name)?.push(...result.network);
    }
    rounds += 1;
  } while (another(rounds));
  return { ms, network, rounds };
}
