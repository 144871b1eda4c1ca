import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeInput } from '../../shared/domain/cases.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { getTimeline } from '../../shared/usecases/cases.js';
import { closeCaseWithOutcome } from '../../shared/usecases/lifecycle.js';
import type { ComplainantAccess, Dependencies, PhoneHashing } from '../../shared/usecases/dependencies.js';
import {
  addSupplement,
  fileComplaint,
  giveFeedback,
  openCase,
  publicCaseStatus,
} from '../../shared/usecases/public-complaints.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';

let table: TestTable;
let clock = new Date('2026-11-21T02:00:00Z');
let deps: Dependencies & ComplainantAccess & PhoneHashing;

/** A complaint as a worker files it on WeChat in 沈河区. */
function online(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return { ...complaint({ regionCode: '210103' }), channel: 'wechat', ...overrides };
}

async function items(): Promise<Record<string, unknown>[]> {
  return (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
}

/** Closing arrives with the lifecycle work; until then tests close a case directly. */
/** The city legal department closes the case (out of scope), as it may any open case of its subtree. */
async function close(caseId: string): Promise<void> {
  await closeCaseWithOutcome(deps, callerOf('admin-shenyang'), caseId, { outcome: 'out_of_scope', summary: '不属受理范围' });
}

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
  deps = testDependencies(table, { now: () => clock });
});
afterAll(async () => table.drop());

describe('filing online', () => {
  it('lands in the district for the region, with the first event and an acknowledgement in the outbox', async () => {
    const filed = await fileComplaint(deps, online());

    expect(filed.caseRecord).toMatchObject({ unionCode: '210103', channel: 'wechat', registeredBy: { kind: 'complainant' } });
    expect(filed.accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const events = await getTimeline(deps, callerOf('op-shenhe'), filed.caseRecord.caseId);
    expect(events.map((event) => event.type)).toEqual(['registered', 'triaged']);

    const stored = await items();
    const outbox = stored.filter((item) => item.entity === 'outbox' && item.caseId === filed.caseRecord.caseId);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      channel: 'sms',
      recipient: { kind: 'complainant' },
      unionCode: '210103',
      template: 'case_acknowledged_online',
      params: { unionName: '沈河区总工会', caseNumber: filed.caseRecord.caseNumber },
    });
    // Neither the phone number nor the access code is copied anywhere but where it must be.
    const code = filed.accessCode;
    expect(
      stored.filter((item) => JSON.stringify(item).includes(code.replaceAll('-', '')) || JSON.stringify(item).includes(code)),
    ).toEqual([]);
    expect(stored.filter((item) => JSON.stringify(item).includes('13812345678')).map((item) => item.SK)).toEqual(['CONTACT']);
  });

  it('refuses a region no union serves with 422', async () => {
    await expect(fileComplaint(deps, online({ regionCode: '440300' }))).rejects.toMatchObject({
      status: 422,
      code: 'REGION_NOT_SERVED',
    });
  });

  it('keeps an Idempotency-Key to one case for good: a late retry gets the same number and a fresh code', async () => {
    const first = await fileComplaint(deps, online(), 'late-retry-key-0001');
    const retry = await fileComplaint(deps, online(), 'late-retry-key-0001');

    expect(retry.caseRecord.caseNumber).toBe(first.caseRecord.caseNumber);
    expect(retry.accessCode).not.toBe(first.accessCode);
    await expect(openCase(deps, first.caseRecord.caseNumber, first.accessCode)).rejects.toMatchObject({ status: 404 });
    expect((await openCase(deps, first.caseRecord.caseNumber, retry.accessCode)).caseId).toBe(first.caseRecord.caseId);

    await expect(fileComplaint(deps, online({ description: '另一件事' }), 'late-retry-key-0001')).rejects.toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });
});

describe('opening a case with its access code', () => {
  it('answers an unknown number and a wrong code identically', async () => {
    const filed = await fileComplaint(deps, online());
    const wrongCode = await openCase(deps, filed.caseRecord.caseNumber, 'ZZZZ-ZZZZ-ZZZZ').catch((error: unknown) => error);
    const unknownNumber = await openCase(deps, '210103-20261121-9999', filed.accessCode).catch((error: unknown) => error);
    expect(wrongCode).toEqual(unknownNumber);
    expect(wrongCode).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('accepts the code however a person types it', async () => {
    const filed = await fileComplaint(deps, online());
    const typed = ` ${filed.accessCode.toLowerCase().replaceAll('-', ' ')} `;
    expect((await openCase(deps, filed.caseRecord.caseNumber, typed)).caseId).toBe(filed.caseRecord.caseId);
  });

  it('locks a number for 15 minutes after 5 wrong codes, even against the right code, then lets it in', async () => {
    const filed = await fileComplaint(deps, online());
    const number = filed.caseRecord.caseNumber;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(openCase(deps, number, `WRONG-CODE-000${attempt}`)).rejects.toMatchObject({ status: 404 });
    }
    await expect(openCase(deps, number, 'WRONG-CODE-0005')).rejects.toMatchObject({
      status: 429,
      headers: { 'retry-after': '900' },
    });
    await expect(openCase(deps, number, filed.accessCode)).rejects.toMatchObject({ status: 429 });

    clock = new Date(clock.getTime() + 15 * 60 * 1000 + 1000);
    expect((await openCase(deps, number, filed.accessCode)).caseId).toBe(filed.caseRecord.caseId);
    // The correct code cleared the slate: four fresh mistakes do not lock it again.
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(openCase(deps, number, `WRONG-CODE-100${attempt}`)).rejects.toMatchObject({ status: 404 });
    }
  });

  it('locks unknown numbers the same way, so lockout reveals nothing', async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const outcome = await openCase(deps, '210103-20200101-0001', 'ABCD-EFGH-JKMN').then(
        () => 200,
        (error: { status: number }) => error.status,
      );
      statuses.push(outcome);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
  });
});

describe('the complainant’s own view, supplements and feedback', () => {
  it('shows status, next step and a public timeline with no personal data', async () => {
    const filed = await fileComplaint(deps, online());
    const { caseRecord, events } = await publicCaseStatus(deps, filed.caseRecord.caseNumber, filed.accessCode);
    expect(caseRecord.status).toBe('in_pool');
    expect(events).toHaveLength(2);
  });

  it('adds a supplement the staff see on the timeline, up to a cap', async () => {
    const filed = await fileComplaint(deps, online());
    await addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, '项目经理姓李');
    const staffView = await getTimeline(deps, callerOf('op-shenhe'), filed.caseRecord.caseId);
    expect(staffView.find((event) => event.type === 'supplement_added')).toMatchObject({
      type: 'supplement_added',
      actor: { kind: 'complainant' },
      data: { text: '项目经理姓李' },
    });

    for (let i = 2; i <= 20; i++) await addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, `第${i}条`);
    await expect(addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, '第21条')).rejects.toMatchObject({
      status: 409,
    });
  });

  it('takes feedback once, only after closing, and counts it for the union once', async () => {
    const filed = await fileComplaint(deps, online());
    const { caseNumber, caseId } = filed.caseRecord;
    await expect(giveFeedback(deps, caseNumber, filed.accessCode, { score: 5 })).rejects.toMatchObject({ status: 409 });

    await close(caseId);
    const results = await Promise.allSettled(
      [5, 4, 3].map((score) => giveFeedback(deps, caseNumber, filed.accessCode, { score, comment: '谢谢' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.status),
    ).toEqual([409, 409]);
    await expect(giveFeedback(deps, caseNumber, filed.accessCode, { score: 1 })).rejects.toMatchObject({ status: 409 });

    // The rating counts in the month it was given: the test clock's, not the machine's.
    const month = chinaMonth(clock);
    const shards = (await items()).filter(
      (item) => item.PK === 'UNION#210103' && String(item.SK).startsWith(`FIGURES#${month}#`),
    );
    const rated = shards.reduce((sum, shard) => sum + ((shard.rated as number | undefined) ?? 0), 0);
    expect(rated).toBe(1);
  });
});
