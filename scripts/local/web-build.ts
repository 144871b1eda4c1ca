import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the console's bundle is built from (its own sources and the shared vocabulary it imports). */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/h5', 'shared/domain'];
const BUILT = join(REPO_ROOT, 'web/dist/index.html');

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether web/dist is missing or older than anything it is built from. */
export function webBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newestChange(join(REPO_ROOT, source)) > built);
}

/**
 * `npm start` serves the console from web/dist: build it first when it is
 * missing or stale (a few seconds), so a fresh clone's `npm install && npm
 * start` shows the sign-in page. Vite is loaded only when a build is needed.
 */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  const started = performance.now();
  log('Building the web console and the workers’ page (web/ → web/dist)…');
  const { build } = await import('vite');
  // The console first: it empties web/dist, then the H5 page builds into web/dist/h5.
  await build({ configFile: join(REPO_ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  await build({ configFile: join(REPO_ROOT, 'web/h5/vite.config.ts'), logLevel: 'warn' });
  log(`Built the web pages in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
