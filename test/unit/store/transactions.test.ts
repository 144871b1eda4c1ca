import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { transact } from '../../../shared/store/operations.js';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
const dynamo = mockClient(client);
const store = { client, tableName: 'weiquan-test' };
const items = [{ Put: { TableName: 'weiquan-test', Item: { PK: 'a', SK: 'b' } } }];

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

beforeEach(() => dynamo.reset());

describe('transactions that collide with others', () => {
  it('are tried again when another transaction held an item, and succeed once it is free', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .resolves({});

    await transact(store, items);

    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('end in 503 BUSY with Retry-After, never a 500, when the collisions do not stop', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    await expect(transact(store, items)).rejects.toMatchObject({ code: 'BUSY', status: 503, headers: { 'Retry-After': '1' } });
  });

  it('are not retried when a condition failed: that is the answer', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    await expect(transact(store, items)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
