/**
 * `npm run invoke -- <function> <event-file>` runs one Lambda handler with its
 * event, e.g. `npm run invoke -- registerCase events/registerCase.json`, or a
 * background job with a schedule or stream event (`sweepClocks`, `deliverNotifications`).
 * It uses the store of a running `npm start` if there is one; otherwise it
 * starts DynamoDB Local with the seeded demo data for the one invocation.
 */
import './local/preflight.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { JOBS } from '../functions/jobs.js';
import { ROUTES } from '../functions/routes.js';
import { LocalSetupError, startDynamoDbLocal } from './local/dynamodb-local.js';
import { LOCAL_TABLE_NAME, configureHandlerEnvironment, prepareStore } from './local/environment.js';
import { runningStore } from './local/running.js';
import { lambdaContext } from './local/server.js';

type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: npm run invoke -- <function> <event-file>\nFunctions: ${[...ROUTES.map((route) => route.contract.name), ...JOBS.map((job) => job.name)].join(', ')}`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const [name, eventFile] = process.argv.slice(2);
  if (!name || !eventFile) usage('Name a function and an event file.');
  const entry =
    ROUTES.find((candidate) => candidate.contract.name === name)?.entry ?? JOBS.find((job) => job.name === name)?.entry;
  if (!entry) usage(`No function "${name}".`);
  let event: APIGatewayProxyEvent;
  try {
    event = JSON.parse(readFileSync(eventFile, 'utf8')) as APIGatewayProxyEvent;
  } catch (error) {
    usage(`Cannot read ${eventFile} as JSON: ${(error as Error).message}`);
  }

  const running = runningStore();
  const ephemeral = running ? undefined : await startDynamoDbLocal();
  try {
    if (ephemeral) await prepareStore(ephemeral, LOCAL_TABLE_NAME);
    await configureHandlerEnvironment(running?.dynamoDbEndpoint ?? ephemeral!.endpoint, running?.tableName ?? LOCAL_TABLE_NAME);
    console.error(
      running
        ? `Using the running npm start store (${running.tableName}).`
        : 'No npm start running: using a fresh in-memory store with the demo data.',
    );

    const module = (await import(pathToFileURL(resolve(entry)).href)) as { handler: ApiHandler };
    const result = await module.handler(event, lambdaContext(name, event.requestContext?.requestId ?? 'invoke'));
    if (!result || !('statusCode' in result)) {
      // A background job: its own report, not an HTTP response.
      console.log(JSON.stringify(result ?? null, null, 2));
      return;
    }
    const body = result.headers?.['content-type']?.toString().startsWith('application/json')
      ? JSON.parse(result.body)
      : result.body;
    console.log(JSON.stringify({ statusCode: result.statusCode, headers: result.headers, body }, null, 2));
  } finally {
    await ephemeral?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof LocalSetupError ? error.message : error);
  process.exit(1);
});
