/**
 * Bundles what the benchmark measures, with the options the CDK stack
 * deploys (infra/bundling.ts), so sizes and init times are those of Lambda.
 */
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLING } from '../../infra/bundling.js';

type Bundling = typeof BUNDLING;

/**
 * BUNDLING is written in NodejsFunction's vocabulary; this says what each of
 * its fields means to esbuild (the same translation aws-cdk-lib makes into
 * esbuild flags). Keyed by BUNDLING's own keys: a field added there without a
 * line here fails `tsc`, and `esbuildOptions` refuses it at run time, so the
 * benchmark cannot silently build something other than what is deployed.
 */
const TO_ESBUILD: { [K in keyof Bundling]: (value: Bundling[K]) => esbuild.BuildOptions } = {
  target: (target) => ({ target }),
  format: (format) => ({ format }),
  platform: (platform) => ({ platform }),
  minify: (minify) => ({ minify }),
  sourcemap: (sourcemap) => ({ sourcemap }),
  mainFields: (mainFields) => ({ mainFields: [...mainFields] }),
  external: (external) => ({ external: [...external] }),
  banner: (js) => ({ banner: { js } }),
};

/** The deployed esbuild options; `target` may be overridden (only ever for the timing run on an older local Node). */
export function esbuildOptions(overrides: { target?: string } = {}): esbuild.BuildOptions {
  const options: esbuild.BuildOptions = { bundle: true, logLevel: 'warning' };
  for (const key of Object.keys(BUNDLING) as (keyof Bundling)[]) {
    const translate = TO_ESBUILD[key] as ((value: unknown) => esbuild.BuildOptions) | undefined;
    if (!translate) throw new Error(`scripts/bench/build.ts does not know BUNDLING.${key}: add it to TO_ESBUILD`);
    Object.assign(options, translate(BUNDLING[key]));
  }
  return { ...options, ...overrides };
}

export interface Subject {
  /** The route's contract name, or `floor`. */
  readonly name: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
}

export interface Bundle {
  readonly subject: Subject;
  readonly file: string;
  readonly bytes: number;
  readonly target: string;
  readonly metafile: esbuild.Metafile;
}

/** One subject into `<outDir>/<name>.mjs` (.mjs, like NodejsFunction's index.mjs), with its metafile beside it for esbuild's analyzer. */
export async function bundle(
  repoRoot: string,
  subject: Subject,
  outDir: string,
  overrides: { target?: string } = {},
): Promise<Bundle> {
  const [built] = await bundleMany(repoRoot, [subject], outDir, overrides);
  return built!;
}

/**
 * Several subjects in one esbuild run: each is its own complete bundle (no
 * code splitting, as deployed), but every shared file is parsed once, which
 * makes bundling all functions several times faster than one run each.
 */
export async function bundleMany(
  repoRoot: string,
  subjects: readonly Subject[],
  outDir: string,
  overrides: { target?: string } = {},
): Promise<Bundle[]> {
  const options = esbuildOptions(overrides);
  const result = await esbuild.build({
    ...options,
    absWorkingDir: repoRoot,
    entryPoints: subjects.map((subject) => ({ in: path.join(repoRoot, subject.entry), out: subject.name })),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
  });
  return Promise.all(
    subjects.map(async (subject) => {
      const file = path.join(outDir, `${subject.name}.mjs`);
      const outputName = path.relative(repoRoot, file).split(path.sep).join('/');
      const output = result.metafile.outputs[outputName];
      if (!output) throw new Error(`esbuild wrote no ${outputName}`);
      const metafile: esbuild.Metafile = { inputs: result.metafile.inputs, outputs: { [outputName]: output } };
      await writeFile(file.replace(/\.mjs$/, '.meta.json'), JSON.stringify(metafile));
      return { subject, file, bytes: statSync(file).size, target: String(options.target), metafile };
    }),
  );
}

/**
 * A probe (a script run in a fresh `node` process to load and time a bundle), for the Node running this script: it is
 * never deployed, so BUNDLING does not apply. Plain JavaScript, so no loader hook sits between Node and what it times.
 */
export async function bundleProbe(repoRoot: string, outFile: string, entry = 'scripts/bench/child.ts'): Promise<string> {
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(repoRoot, entry)],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    logLevel: 'warning',
  });
  return outFile;
}

export interface InputShare {
  /** Path as esbuild reports it, relative to the repository root. */
  readonly input: string;
  /** Bytes this input contributes to the minified output. */
  readonly bytes: number;
}

/** The inputs that make up a bundle, largest contribution first. */
function inputsBySize(built: Bundle): InputShare[] {
  const output = Object.values(built.metafile.outputs)[0];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** `node_modules/@scope/name/…` → `@scope/name`; our own files group by their top two folders (`shared/http`). */
function moduleOf(input: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (dependency?.[1]) return dependency[1];
  return input.split('/').slice(0, 2).join('/');
}

/** Bytes per package (or per folder of ours), largest first. */
function modulesBySize(built: Bundle): InputShare[] {
  const totals = new Map<string, number>();
  for (const { input, bytes } of inputsBySize(built)) totals.set(moduleOf(input), (totals.get(moduleOf(input)) ?? 0) + bytes);
  return [...totals].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** What a bundle carries beyond the floor, per package: the modules that make it bigger than a bare DocumentClient. */
export function excessOverFloor(built: Bundle, floor: Bundle): InputShare[] {
  const floorBytes = new Map(modulesBySize(floor).map(({ input, bytes }) => [input, bytes]));
  return modulesBySize(built)
    .map(({ input, bytes }) => ({ input, bytes: bytes - (floorBytes.get(input) ?? 0) }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}
