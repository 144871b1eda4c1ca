import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as lookupHandler } from '../../../functions/callers/lookup.js';
import { handler as registerHandler } from '../../../functions/cases/register.js';
import { DEMO_UNIONS } from '../../../scripts/local/demo-data.js';
import { logger, redactPersonalInformation } from '../../../shared/observability/logger.js';
import { forgetCachedDirectory } from '../../../shared/store/union-repository.js';
import { apiEvent, invoke } from '../../support/events.js';
import { complaint, demo } from '../../support/fixtures.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const PERSONAL_VALUES = ['张伟', '13812345678', '210102199003071233', '工资共36000元未发'];

let logged: string[];

beforeEach(() => {
  vi.stubEnv('TABLE_NAME', 'unit-table');
  vi.stubEnv('PHONE_HASH_KEY', 'unit-key');
  dynamo.reset();
  forgetCachedDirectory();
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'DIRECTORY' } })
    .resolves({ Items: DEMO_UNIONS.map((union) => ({ ...union })) });
  dynamo.on(GetCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({ Attributes: { last: 1 } });
  logged = [];
  // The most talkative level: nothing personal may appear even in debug logs.
  logger.setLogLevel('DEBUG');
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

describe('logs carry no personal information', () => {
  it('on success, on validation errors and on unexpected failures', async () => {
    dynamo.on(TransactWriteCommand).resolvesOnce({}).rejects(new Error('boom'));
    const body = complaint({ description: '工资共36000元未发' });

    expect((await invoke(registerHandler, apiEvent({ method: 'POST', user: demo('op-heping'), body }))).status).toBe(201);
    expect((await invoke(registerHandler, apiEvent({ method: 'POST', user: demo('op-heping'), body }))).status).toBe(500);
    const invalid = { ...body, complainant: { ...body.complainant, mobile: '1381234567' } };
    expect((await invoke(registerHandler, apiEvent({ method: 'POST', user: demo('op-heping'), body: invalid }))).status).toBe(
      400,
    );
    await invoke(lookupHandler, apiEvent({ method: 'POST', user: demo('op-heping'), body: { phone: '13812345678' } }));

    const output = logged.join('');
    expect(output).toContain('request completed');
    expect(output).toContain('unhandled error');
    for (const value of PERSONAL_VALUES) expect(output).not.toContain(value);
  });

  it('redacts personal keys if a log line ever includes them', () => {
    expect(
      redactPersonalInformation({ route: 'POST /cases', complainant: { name: '张伟' }, nested: [{ mobile: '13812345678' }] }),
    ).toEqual({
      route: 'POST /cases',
      complainant: '[redacted]',
      nested: [{ mobile: '[redacted]' }],
    });
  });
});
