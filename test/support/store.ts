import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { LOCAL_AWS_ENV } from '../../scripts/local/dynamodb-local.js';
import { prepareStore } from '../../scripts/local/environment.js';
import type { StoreContext } from '../../shared/store/client.js';

export interface TestTable extends StoreContext {
  readonly endpoint: string;
  readonly raw: DynamoDBClient;
  drop(): Promise<void>;
}

/** A fresh table in the run's DynamoDB Local, created from the one table definition and seeded with the demo unions. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = inject('dynamoDbEndpoint');
  const raw = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });
  const tableName = `test-${randomUUID()}`;
  await prepareStore({ client: raw }, tableName);
  return {
    endpoint,
    raw,
    tableName,
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    drop: async () => {
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
    },
  };
}
