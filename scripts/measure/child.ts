/**
 * The probe `npm run measure:functions` runs in a fresh `node` process per
 * function: `node child.mjs <bundle.mjs> <events.json> <result.json>`.
 *
 * It loads that one function's deployed bundle, invokes its handler with each
 * event in turn (the first is the cold invocation), and writes each
 * invocation's duration and status, and the process's peak resident memory,
 * to the result file. The handler's own log lines go to stdout, where the
 * harness reads each request's consumed capacity. Bundled to plain JavaScript
 * and run without tsx, so the memory is that of Node, the bundle and the work.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext } from '../local/lambda-invocation.js';

export interface ProbeResult {
  /** `await import(bundle)`, ms. */
  readonly initMs: number;
  /** Handler duration of each invocation in order, ms; the first is the cold one. */
  readonly durationsMs: number[];
  readonly statuses: number[];
  /** process.resourceUsage().maxRSS after the last invocation, in MiB. */
  readonly maxRssMiB: number;
}

type RouteHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

async function main(): Promise<void> {
  const [bundle, eventsFile, resultFile] = process.argv.slice(2);
  if (!bundle || !eventsFile || !resultFile) throw new Error('usage: node child.mjs <bundle.mjs> <events.json> <result.json>');
  const events = JSON.parse(await readFile(eventsFile, 'utf8')) as APIGatewayProxyEvent[];
  const started = performance.now();
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: RouteHandler };
  const initMs = performance.now() - started;
  const durationsMs: number[] = [];
  const statuses: number[] = [];
  for (const event of events) {
    const context = lambdaContext(event.requestContext.resourceId, event.requestContext.requestId);
    const begun = performance.now();
    const result = await handler(event, context);
    durationsMs.push(performance.now() - begun);
    statuses.push(result.statusCode);
  }
  const result: ProbeResult = { initMs, durationsMs, statuses, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  await writeFile(resultFile, JSON.stringify(result));
  // A bundle's SDK client keeps sockets open; waiting for them is not what we measure.
  process.exit(0);
}

await main();
