import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_ENV, ensureTable, startDynamoDbLocal } from '../../scripts/local/dynamodb-local.js';

const folder = mkdtempSync(join(tmpdir(), 'weiquan-persist-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('npm start -- --persist', () => {
  it('keeps the table in a folder it creates, across a stop and a start', async () => {
    const persistDir = join(folder, 'not-yet-created');
    const first = await startDynamoDbLocal({ persistDir });
    await ensureTable(first.client, 'kept');
    await first.stop();

    const second = await startDynamoDbLocal({ persistDir });
    try {
      const { TableNames } = await second.client.send(new ListTablesCommand({}));
      expect(TableNames).toContain('kept');
    } finally {
      await second.stop();
    }
    // Stopped means stopped: the port no longer answers.
    const probe = new DynamoDBClient({
      endpoint: second.endpoint,
      region: LOCAL_AWS_ENV.AWS_REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await expect(probe.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    probe.destroy();
  });
});
