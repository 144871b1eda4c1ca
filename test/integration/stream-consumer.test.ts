import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../shared/domain/notifications.js';
import { AlertRepository } from '../../shared/store/alert-repository.js';
import { DeliveryRepository } from '../../shared/store/delivery-repository.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { registerCase } from '../../shared/usecases/cases.js';
import type { ComplainantAccess, Dependencies, PageCursors, PhoneHashing } from '../../shared/usecases/dependencies.js';
import { listAlerts } from '../../shared/usecases/early-warning.js';
import type { SmsRequest, StaffAddress } from '../../shared/usecases/notify.js';
import type { NotificationSenders, StreamDependencies } from '../../shared/usecases/stream-dependencies.js';
import { runStreamJobs } from '../../scripts/local/stream-jobs.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { streamRecords } from '../support/stream.js';
import { applyThenAnswer500Once } from '../support/fault-injection.js';

let table: TestTable;
let deps: Dependencies & ComplainantAccess & PhoneHashing & PageCursors;
/** Everything any consumer run in this file sent: messageId and SMS, or messageId, notice and its recipient. */
const sent: ({ messageId: string; sms: SmsRequest } | { messageId: string; notice: OutboxMessage; to: StaffAddress })[] = [];

/** Records what would be sent, in order; an SMS carries no message id, so the case number tells them apart. */
const recordingSender: NotificationSenders = {
  sms: { send: async (sms) => void sent.push({ messageId: `sms:${sms.params.caseNumber}`, sms }) },
  staffNotices: { send: async (notice, to) => void sent.push({ messageId: notice.messageId, notice, to }) },
};

function consumerDeps(sender: NotificationSenders): StreamDependencies {
  return {
    ...deps,
    alerts: new AlertRepository(table),
    deliveries: new DeliveryRepository(table),
    ...sender,
  };
}

const EMPLOYER = { name: '沈阳某建筑劳务有限公司', creditCode: '91210106MA0P5K7L22' };

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
  deps = testDependencies(table);
});

afterAll(async () => {
  await table.drop();
});

describe('the table stream consumer', () => {
  it('raises one early warning for three complaints against one employer in two districts, seen by their common city', async () => {
    // Prepare: three wage-arrears complaints against one employer, in 和平区 and 沈河区.
    const registrations = [
      { operator: 'op-heping', regionCode: '210102' },
      { operator: 'op-shenhe', regionCode: '210103' },
      { operator: 'op-heping', regionCode: '210102' },
    ];
    const cases = [];
    for (const { operator, regionCode } of registrations) {
      const input = complaint({ regionCode, category: 'wage_arrears', employer: EMPLOYER, workersInvolved: 2 });
      cases.push((await registerCase(deps, callerOf(operator), input)).caseRecord);
    }
    const sender = recordingSender;

    // Act: the consumer reads the real stream, twice (a redelivered batch).
    const records = await streamRecords(table);
    expect((await runStreamJobs(consumerDeps(sender), records)).batchItemFailures).toEqual([]);
    expect((await runStreamJobs(consumerDeps(sender), records)).batchItemFailures).toEqual([]);

    // Assess: one alert, in the city's list with all three cases; each district sees only its own cases.
    const cityAlerts = (await listAlerts({ ...consumerDeps(sender), cursorKey: deps.cursorKey }, callerOf('admin-shenyang'), {}))
      .items;
    expect(cityAlerts).toHaveLength(1);
    expect(cityAlerts[0]!.alert).toMatchObject({ creditCode: EMPLOYER.creditCode, workersInvolved: 6 });
    expect(cityAlerts[0]!.visibleComplaints.map((c) => c.caseId).sort()).toEqual(cases.map((c) => c.caseId).sort());
    const heping = (await listAlerts({ ...consumerDeps(sender), cursorKey: deps.cursorKey }, callerOf('admin-heping'), {})).items;
    expect(heping[0]!.visibleComplaints.map((c) => c.unionCode)).toEqual(['210102', '210102']);
    const sichuan = (await listAlerts({ ...consumerDeps(sender), cursorKey: deps.cursorKey }, callerOf('admin-sichuan'), {}))
      .items;
    expect(sichuan).toEqual([]);
  });

  it('sends each notification once, however often the same records are replayed', async () => {
    // Act: replay the whole stream (which now also holds the early-warning notices) twice at once, then again.
    const records = await streamRecords(table);
    await Promise.all([
      runStreamJobs(consumerDeps(recordingSender), records),
      runStreamJobs(consumerDeps(recordingSender), records),
    ]);
    await runStreamJobs(consumerDeps(recordingSender), await streamRecords(table));

    // Assess: every outbox message in the table was sent exactly once, to the right kind of recipient.
    const outbox = (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items!.filter(
      (item) => item.entity === 'outbox',
    );
    const outboxIds = outbox.map((item) =>
      item.channel === 'sms' ? `sms:${(item.params as { caseNumber: string }).caseNumber}` : (item.messageId as string),
    );
    expect(sent.map(({ messageId }) => messageId).sort()).toEqual(outboxIds.sort());
    // 3 acknowledgements by SMS, each signed by the district's signature or, lacking one, its city's.
    const sms = sent.flatMap((entry) => ('sms' in entry ? [entry.sms] : []));
    expect(sms.map(({ template, signName }) => [template, signName]).sort()).toEqual([
      ['case_acknowledged', '沈阳市和平区总工会'],
      ['case_acknowledged', '沈阳市和平区总工会'],
      ['case_acknowledged', '沈阳市总工会'],
    ]);
    expect(sms.every(({ phoneNumber, params }) => /^1[3-9]\d{9}$/.test(phoneNumber) && !('accessCode' in params))).toBe(true);
    // 1 early warning for each of 和平区, 沈河区, 沈阳市 and 辽宁省.
    const warned = sent.flatMap((entry) => ('notice' in entry && entry.notice.template === 'early_warning' ? [entry] : []));
    expect(warned.map(({ to }) => (to as { unionCode: string }).unionCode).sort()).toEqual([
      '210000',
      '210100',
      '210102',
      '210103',
    ]);
    expect(warned[0]!.notice.params).toEqual({ employerName: EMPLOYER.name, complaints: '3', workersInvolved: '6' });
  });

  it('sends an acknowledgement when DynamoDB applied its delivery claim but answered 500, instead of waiting on itself', async () => {
    const registered = await registerCase(deps, callerOf('op-heping'), complaint());
    const sentNow: string[] = [];
    const fired = applyThenAnswer500Once(
      table.client,
      (command, input) => command === 'PutItemCommand' && input.Item?.entity?.S === 'delivery',
    );
    try {
      const result = await runStreamJobs(
        consumerDeps({
          ...recordingSender,
          sms: { send: async (sms) => void sentNow.push(sms.params.caseNumber!) },
        }),
        await streamRecords(table),
      );
      expect(result.batchItemFailures).toEqual([]);
    } finally {
      expect(fired()).toBe(true);
    }
    expect(sentNow).toEqual([registered.caseRecord.caseNumber]);
  });
});
