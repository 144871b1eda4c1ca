import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { LOCAL_STATE_DIR } from './secrets.js';

/**
 * While `npm start` runs it records where its store is, so that
 * `npm run invoke` can run a handler against the same data.
 */
const RUNNING_FILE = new URL('running.json', LOCAL_STATE_DIR);

export interface RunningStore {
  readonly pid: number;
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  /** Where the API listens: tokens name its OpenID Connect issuer, which contains the port. */
  readonly baseUrl?: string;
}

export function recordRunningStore(store: RunningStore): void {
  mkdirSync(LOCAL_STATE_DIR, { recursive: true });
  writeFileSync(RUNNING_FILE, JSON.stringify(store));
}

export function forgetRunningStore(): void {
  rmSync(RUNNING_FILE, { force: true });
}

/** The store of a live `npm start`, if there is one. */
export function runningStore(): RunningStore | undefined {
  if (!existsSync(RUNNING_FILE)) return undefined;
  const store = JSON.parse(readFileSync(RUNNING_FILE, 'utf8')) as RunningStore;
  try {
    process.kill(store.pid, 0);
    return store;
  } catch {
    return undefined; // left behind by a server that was killed
  }
}
