import { DynamoDBClient, InternalServerError, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CaseRepository } from '../../../shared/store/case-repository.js';
import { transact } from '../../../shared/store/operations.js';
import { refusal } from '../../support/refusal.js';

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

    await expect(refusal(transact(store, items))).resolves.toMatchObject({
      code: 'BUSY',
      status: 503,
      headers: { 'Retry-After': '1' },
    });
  });

  it('are not retried when a condition failed: that is the answer', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    await expect(transact(store, items)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

/** What DynamoDB Local answers when a request waited too long for its lock (a 500; DynamoDB itself never does). */
function localLockTimeout(): InternalServerError {
  return new InternalServerError({
    message: 'This action timed out because it too long waiting for a lock. This request will succeed in actual DynamoDB API',
    $metadata: { httpStatusCode: 500 },
  });
}

describe('DynamoDB Local’s lock time-outs (issue 12, defect 12)', () => {
  it('are tried again in a transaction, which then succeeds', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(localLockTimeout()).resolves({});

    await transact(store, items);

    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('end in 503 BUSY, never a 500, when they do not stop; other server errors are not retried', async () => {
    dynamo.on(UpdateCommand).rejects(localLockTimeout());
    await expect(refusal(new CaseRepository(store).register('210102', '2026-11-21', vi.fn()))).resolves.toMatchObject({
      code: 'BUSY',
      status: 503,
    });

    dynamo.reset();
    dynamo.on(TransactWriteCommand).rejects(new InternalServerError({ message: 'Internal server error', $metadata: {} }));
    await expect(transact(store, items)).rejects.toBeInstanceOf(InternalServerError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
