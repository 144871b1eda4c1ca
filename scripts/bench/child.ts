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

function describe(args: unknown[]): string {
  try {
    return JSON.stringify(args.filter((arg) => typeof arg !== 'function'));
  } catch {
    return String(args[0]);
  }
}

/** Replaces `owner[name]` by a function that records the call and fails it, so nothing leaves the machine. */
function trap(owner: object, name: string, label: string): void {
  const target = owner as Record<string, unknown>;
  if (typeof target[name] !== 'function') return;
  target[name] = function blocked(...args: unknown[]): never {
    attempts.push(`${label} ${describe(args)}`);
    throw new Error(`bench: network I/O is blocked during import (${label})`);
  };
}

/**
 * TCP covers http, https, http2, tls and fetch (all end in
 * net.Socket#connect); DNS and UDP are trapped too because a lookup alone is
 * already a network round trip.
 */
function blockNetwork(): void {
  trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
    trap(dns, name, `dns.${name}`);
    trap(dns.promises, name, `dns.promises.${name}`);
  }
  trap(dgram.Socket.prototype, 'send', 'dgram.Socket#send');
  trap(dgram.Socket.prototype, 'connect', 'dgram.Socket#connect');
  trap(globalThis, 'fetch', 'fetch');
  // Bundles that `import { lookup } from 'node:dns'` read the ESM facade, which is a snapshot until synced.
  syncBuiltinESMExports();
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
    process.stderr.write(`${IMPORT_ERROR_PREFIX}${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT_IMPORT_ERROR);
  }

  // Work the import merely scheduled (a promise chain, a timer) would reach the network later; the check run waits for it.
  const settleMs = Number(settle);
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));

  process.stdout.write(`\n${elapsed.toFixed(3)}\n`);
  for (const attempt of attempts) process.stderr.write(`${NETWORK_PREFIX}${attempt}\n`);
  // Exit now: a bundle may leave handles open (a client's agent) and waiting for them is not what we measure.
  process.exit(attempts.length > 0 ? EXIT_NETWORK : EXIT_OK);
}

await main();
