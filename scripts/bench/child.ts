/**
 * The probe that runs in each fresh `node` process: `node .bench/child.mjs <bundle> [settleMs]`.
 *
 * It is bundled to plain JavaScript by bench.ts and run without tsx, so no
 * loader hook sits between Node and the import being timed. It blocks and
 * records every network attempt first (importing a handler must not touch the
 * network: SDK clients are created lazily), then times `await import(bundle)`
 * alone, the part of a cold start our code controls, and prints that one
 * number, in milliseconds, as the last line of stdout.
 *
 * Exit codes and stderr markers: see protocol.ts.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EXIT_IMPORT_ERROR, EXIT_NETWORK, EXIT_OK, IMPORT_ERROR_PREFIX, NETWORK_PREFIX } from './protocol.js';

const attempts: string[] = [];

/** `host:port` (or a socket path, or a URL) of a trapped call, enough to tell what was reached for. */
function describe(args: unknown[]): string {
  const [first, second] = args;
  if (Array.isArray(first)) return describe(first); // net.connect() passes its normalized [options, callback]
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const { host, hostname, port, path } = first as Record<string, unknown>;
    return typeof path === 'string' ? path : `${String(host ?? hostname ?? 'localhost')}:${String(port ?? '')}`;
  }
  if (typeof first === 'number') return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  return first instanceof Request ? first.url : String(first);
}

/**
 * Replaces `owner[name]` by a function that records the call and fails it,
 * so nothing leaves the machine: by throwing, or for promise-returning APIs
 * (fetch, dns.promises) by rejecting, as a real network failure would.
 */
function trap(owner: object, name: string, label: string, fails: 'throw' | 'reject' = 'throw'): void {
  const target = owner as Record<string, unknown>;
  if (typeof target[name] !== 'function') return;
  target[name] = function blocked(...args: unknown[]): Promise<never> {
    attempts.push(`${label} ${describe(args)}`);
    const error = new Error(`bench: network I/O is blocked during import (${label})`);
    if (fails === 'reject') return Promise.reject(error);
    throw error;
  };
}

/**
 * net.Socket#connect is where http, https, http2, tls and fetch all end up;
 * fetch is trapped by name too so its URL is recorded. DNS and UDP are
 * trapped because a lookup alone is already a network round trip.
 */
function blockNetwork(): void {
  trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
    trap(dns, name, `dns.${name}`);
    trap(dns.promises, name, `dns.promises.${name}`, 'reject');
  }
  trap(dgram.Socket.prototype, 'send', 'dgram.Socket#send');
  trap(dgram.Socket.prototype, 'connect', 'dgram.Socket#connect');
  trap(globalThis, 'fetch', 'fetch', 'reject');
  // Bundles that `import { lookup } from 'node:dns'` read the ESM facade, which is a snapshot until synced.
  syncBuiltinESMExports();
}

function reportNetwork(): void {
  for (const attempt of attempts) process.stderr.write(`${NETWORK_PREFIX}${attempt}\n`);
}

async function main(): Promise<void> {
  const [bundle, settle = '0'] = process.argv.slice(2);
  if (!bundle) throw new Error('usage: node child.mjs <bundle.mjs> [settleMs]');
  const url = pathToFileURL(bundle).href;
  blockNetwork();

  let elapsed: number;
  try {
    const start = performance.now();
    await import(url);
    elapsed = performance.now() - start;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    process.stderr.write(
      `${IMPORT_ERROR_PREFIX}${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    reportNetwork(); // a trapped call may be what made the import throw
    process.exit(EXIT_IMPORT_ERROR);
  }

  // Work the import merely scheduled (a promise chain, a timer) would reach the network later; the check run waits for it.
  const settleMs = Number(settle);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));

  process.stdout.write(`\n${elapsed.toFixed(3)}\n`);
  reportNetwork();
  // Exit now: a bundle may leave handles open (a client's agent) and waiting for them is not what we measure.
  process.exit(attempts.length > 0 ? EXIT_NETWORK : EXIT_OK);
}

await main();
