import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/cases.js';
import type { IntakeInput } from '../../shared/domain/registration.js';
import { closeCase } from '../../shared/domain/case-work.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { recompute } from '../../shared/domain/figures.js';
import { supplementCase } from '../../shared/domain/public-case.js';
import { TransitionConflict } from '../../shared/domain/conflicts.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { getTimeline } from '../../shared/usecases/cases.js';
import { closeCaseWithOutcome, followUpCase } from '../../shared/usecases/lifecycle.js';
import type { ComplainantAccess, Dependencies, KeyedAccessCodes, PhoneHashing } from '../../shared/usecases/dependencies.js';
import {
  addSupplement,
  fileComplaint,
  giveFeedback,
  openCase,
  publicCaseStatus,
} from '../../shared/usecases/public-complaints.js';
import { storedFigures } from '../support/figures.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { AppError } from '../../shared/domain/errors.js';
import { statusOf } from '../../shared/http/error-status.js';
import { answerTo, refusal } from '../support/refusal.js';
import { applyThenAnswer500Once } from '../support/fault-injection.js';

let table: TestTable;
let clock = new Date('2026-11-21T02:00:00Z');
let deps: Dependencies & ComplainantAccess & KeyedAccessCodes & PhoneHashing;

/** Where each request comes from (API Gateway's source IP): a fresh address per person, so no test shares another's counts. */
let clients = 0;
const nextClient = () => `203.0.113.${++clients}`;

/** A complaint as a worker files it on WeChat in 沈河区. */
function online(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return { ...complaint({ regionCode: '210103' }), channel: 'wechat', ...overrides };
}

async function items(): Promise<Record<string, unknown>[]> {
  return (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
}

/** The answer to a supplement beyond the cap of 20. */
const SUPPLEMENT_CAP_REACHED = {
  status: 409,
  code: 'CONFLICT',
  said: expect.objectContaining({ zh: '每件案件最多补充20次材料；如需补充更多，请拨打12351。' }),
};

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
    await expect(refusal(fileComplaint(deps, online({ regionCode: '440300' })))).resolves.toMatchObject({
      status: 422,
      code: 'REGION_NOT_SERVED',
    });
  });

  it('keeps an Idempotency-Key to one case for good: a late retry gets the same number and the same code', async () => {
    const first = await fileComplaint(deps, online(), 'late-retry-key-0001');
    const retry = await fileComplaint(deps, online(), 'late-retry-key-0001');

    expect(retry.caseRecord.caseNumber).toBe(first.caseRecord.caseNumber);
    expect(retry.accessCode).toBe(first.accessCode);
    expect((await openCase(deps, first.caseRecord.caseNumber, first.accessCode, nextClient())).caseId).toBe(
      first.caseRecord.caseId,
    );

    await expect(refusal(fileComplaint(deps, online({ description: '另一件事' }), 'late-retry-key-0001'))).resolves.toMatchObject(
      {
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      },
    );
  });

  it('gives every copy of a filing sent at once the one case and the one code that opens it', async () => {
    const copies = await Promise.all(Array.from({ length: 4 }, () => fileComplaint(deps, online(), 'four-tabs-key-0001')));

    expect(new Set(copies.map(({ caseRecord, accessCode }) => `${caseRecord.caseNumber} ${accessCode}`)).size).toBe(1);
    const [{ caseRecord, accessCode }] = copies as [(typeof copies)[number]];
    expect((await openCase(deps, caseRecord.caseNumber, accessCode, nextClient())).caseId).toBe(caseRecord.caseId);
  });

  it('gives a retry of a case filed when codes were random the code derived from its key, and keeps to it', async () => {
    // Before codes were derived from the key, the first answer carried a random code, and only its hash was kept.
    const randomCode = deps.newAccessCode();
    const first = await fileComplaint({ ...deps, accessCodeForKey: async () => randomCode }, online(), 'random-code-key-0001');
    expect(first.accessCode).toBe(randomCode);

    const retry = await fileComplaint(deps, online(), 'random-code-key-0001');
    const again = await fileComplaint(deps, online(), 'random-code-key-0001');

    expect(retry.caseRecord.caseNumber).toBe(first.caseRecord.caseNumber);
    expect(retry.accessCode).not.toBe(randomCode);
    expect(again.accessCode).toBe(retry.accessCode);
    expect((await openCase(deps, first.caseRecord.caseNumber, retry.accessCode, nextClient())).caseId).toBe(
      first.caseRecord.caseId,
    );
  });
});

describe('opening a case with its access code', () => {
  it('answers an unknown number and a wrong code identically', async () => {
    const filed = await fileComplaint(deps, online());
    const from = nextClient();
    const wrongCode = await openCase(deps, filed.caseRecord.caseNumber, 'ZZZZ-ZZZZ-ZZZZ', from).catch((error: unknown) => error);
    const unknownNumber = await openCase(deps, '210103-20261121-9999', filed.accessCode, from).catch((error: unknown) => error);
    expect(wrongCode).toEqual(unknownNumber);
    expect(answerTo(wrongCode)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('accepts the code however a person types it', async () => {
    const filed = await fileComplaint(deps, online());
    const typed = ` ${filed.accessCode.toLowerCase().replaceAll('-', ' ')} `;
    expect((await openCase(deps, filed.caseRecord.caseNumber, typed, nextClient())).caseId).toBe(filed.caseRecord.caseId);
  });

  it('lets the worker in with the right code after a stranger’s wrong codes for their number', async () => {
    const filed = await fileComplaint(deps, online());
    const number = filed.caseRecord.caseNumber;
    const stranger = nextClient();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(refusal(openCase(deps, number, `WRONG-CODE-000${attempt}`, stranger))).resolves.toMatchObject({ status: 404 });
    }

    expect((await openCase(deps, number, filed.accessCode, nextClient())).caseId).toBe(filed.caseRecord.caseId);
  });

  it('locks out a client after 10 wrong codes, whatever numbers it tries, for 15 minutes', async () => {
    const filed = await fileComplaint(deps, online());
    const stranger = nextClient();
    // Sequential case numbers invite guessing across neighbours: the limit is the client's, not the number's.
    for (let guess = 1; guess <= 10; guess++) {
      await expect(refusal(openCase(deps, `210103-20261121-${9000 + guess}`, 'ABCD-EFGH-JKMN', stranger))).resolves.toMatchObject(
        {
          status: 404,
        },
      );
    }

    const locked = {
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      said: expect.objectContaining({ zh: '尝试次数过多，请15分钟后再试' }),
      headers: { 'Retry-After': '900' },
    };
    await expect(refusal(openCase(deps, '210103-20261121-9100', 'ABCD-EFGH-JKMN', stranger))).resolves.toMatchObject(locked);
    // Locked out means no more checks at all from there, so not even a right code can be told from a wrong one.
    await expect(refusal(openCase(deps, filed.caseRecord.caseNumber, filed.accessCode, stranger))).resolves.toMatchObject(locked);
    // Everyone else is unaffected.
    expect((await openCase(deps, filed.caseRecord.caseNumber, filed.accessCode, nextClient())).caseId).toBe(
      filed.caseRecord.caseId,
    );

    clock = new Date(clock.getTime() + 15 * 60 * 1000 + 1000);
    expect((await openCase(deps, filed.caseRecord.caseNumber, filed.accessCode, stranger)).caseId).toBe(filed.caseRecord.caseId);
  });

  it('checks at most 10 of 30 simultaneous wrong codes from one client; the rest are refused unchecked', async () => {
    const filed = await fileComplaint(deps, online());
    let lookups = 0;
    const publicAccess = deps.publicAccess;
    const counting = testDependencies(table, {
      now: () => clock,
      publicAccess: Object.assign(Object.create(publicAccess) as typeof publicAccess, {
        findCaseNumber: (caseNumber: string) => {
          lookups++;
          return publicAccess.findCaseNumber(caseNumber);
        },
      }),
    });
    const stranger = nextClient();

    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, guess) =>
        openCase(counting, filed.caseRecord.caseNumber, `WRONG-CODE-${String(guess).padStart(4, '0')}`, stranger).then(
          () => 200,
          (error: AppError) => statusOf(error),
        ),
      ),
    );

    expect(lookups).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((status) => status !== 404 && status !== 429)).toEqual([]);
  });

  it('counts an attempt once when DynamoDB applied the start of its window but answered 500', async () => {
    const stranger = nextClient();
    const fired = applyThenAnswer500Once(
      table.client,
      (command, input) => command === 'PutItemCommand' && input.Item?.PK?.S === `GUARD#CLIENT#${stranger}`,
    );
    const statuses: number[] = [];
    try {
      for (let attempt = 1; attempt <= 11; attempt++) {
        statuses.push((await refusal(openCase(deps, '210103-20200101-0002', 'ABCD-EFGH-JKMN', stranger))).status);
      }
    } finally {
      expect(fired()).toBe(true);
    }
    // The SDK's retry of the first attempt is that attempt, not an eleventh: the client still gets its ten.
    expect(statuses).toEqual([...Array<number>(10).fill(404), 429]);
  });

  it('locks unknown numbers the same way, so lockout reveals nothing', async () => {
    const statuses: number[] = [];
    const stranger = nextClient();
    for (let attempt = 1; attempt <= 12; attempt++) {
      const outcome = await openCase(deps, '210103-20200101-0001', 'ABCD-EFGH-JKMN', stranger).then(
        () => 200,
        (error: AppError) => statusOf(error),
      );
      statuses.push(outcome);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(404), 429, 429]);
  });
});

describe('the complainant’s own view, supplements and feedback', () => {
  it('shows status, next step and a public timeline with no personal data', async () => {
    const filed = await fileComplaint(deps, online());
    const { caseRecord, events } = await publicCaseStatus(deps, filed.caseRecord.caseNumber, filed.accessCode, nextClient());
    expect(caseRecord.status).toBe('in_pool');
    expect(events).toHaveLength(2);
  });

  it('adds a supplement the staff see on the timeline, up to a cap', async () => {
    const filed = await fileComplaint(deps, online());
    const worker = nextClient();
    await addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, '项目经理姓李', worker);
    const staffView = await getTimeline(deps, callerOf('op-shenhe'), filed.caseRecord.caseId);
    expect(staffView.find((event) => event.type === 'supplement_added')).toMatchObject({
      type: 'supplement_added',
      actor: { kind: 'complainant' },
      data: { text: '项目经理姓李' },
    });

    for (let i = 2; i <= 20; i++) await addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, `第${i}条`, worker);
    await expect(
      refusal(addSupplement(deps, filed.caseRecord.caseNumber, filed.accessCode, '第21条', worker)),
    ).resolves.toMatchObject(SUPPLEMENT_CAP_REACHED);
  });

  it('takes feedback once, only after closing, and counts it for the union once', async () => {
    const filed = await fileComplaint(deps, online());
    const { caseNumber, caseId } = filed.caseRecord;
    const worker = nextClient();
    await expect(refusal(giveFeedback(deps, caseNumber, filed.accessCode, { score: 5 }, worker))).resolves.toMatchObject({
      status: 409,
    });

    await close(caseId);
    const results = await Promise.allSettled(
      [5, 4, 3].map((score) => giveFeedback(deps, caseNumber, filed.accessCode, { score, comment: '谢谢' }, worker)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === 'rejected')
        .map((result) => answerTo((result as PromiseRejectedResult).reason).status),
    ).toEqual([409, 409]);
    await expect(refusal(giveFeedback(deps, caseNumber, filed.accessCode, { score: 1 }, worker))).resolves.toMatchObject({
      status: 409,
    });

    // The worker's own rating counts in the month it was given (the test clock's, not the machine's), apart from call-backs.
    const month = chinaMonth(clock);
    const shards = (await items()).filter(
      (item) => item.PK === 'UNION#210103' && String(item.SK).startsWith(`FIGURES#${month}#`),
    );
    const sum = (figure: string) => shards.reduce((total, shard) => total + ((shard[figure] as number | undefined) ?? 0), 0);
    expect({ ratedOnline: sum('ratedOnline'), rated: sum('rated') }).toEqual({ ratedOnline: 1, rated: 0 });
  });
});

describe('one writer of the case item: the worker’s changes and the staff’s never undo each other', () => {
  let own: TestTable;
  let writer: Dependencies & ComplainantAccess & KeyedAccessCodes & PhoneHashing;
  const admin = callerOf('admin-shenyang');
  beforeAll(async () => {
    own = await createTestTable();
    forgetCachedDirectory();
    writer = testDependencies(own, { now: () => clock });
  });
  afterAll(async () => own.drop());

  async function supplementsOf(caseId: string): Promise<number> {
    return (await getTimeline(writer, admin, caseId)).filter((event) => event.type === 'supplement_added').length;
  }

  /** The case's own counters and the union's monthly figures, against what the case and its timeline say. */
  async function expectCountersToMatch(caseId: string): Promise<void> {
    const stored = (await writer.cases.get(caseId))!;
    expect(stored.supplementCount ?? 0).toBe(await supplementsOf(caseId));
    // Every case of this table is the district's, so its figures are a recomputation from all of them.
    const month = chinaMonth(clock);
    const everyCase: CaseRecord[] = [];
    for await (const page of writer.cases.casesActiveIn([stored.unionCode], month)) everyCase.push(...page);
    expect(await storedFigures(own, stored.unionCode, month)).toEqual(recompute(everyCase).get(`${stored.unionCode}#${month}`));
  }

  it('a supplement that lands between a staff member’s read and save survives it', async () => {
    const filed = await fileComplaint(writer, online());
    const { caseId, caseNumber } = filed.caseRecord;
    const staffRead = (await writer.cases.get(caseId))!;

    await addSupplement(writer, caseNumber, filed.accessCode, '工资条在我这里', nextClient());
    const staffSave = writer.cases.saveTransition(
      staffRead,
      closeCase({
        caseRecord: staffRead,
        closure: { outcome: 'out_of_scope', summary: '不属受理范围' },
        caller: admin,
        moment: { now: clock, newEventId: randomUUID },
      }),
    );

    // The staff member's change was computed without the supplement: it is refused, not written over it.
    await expect(staffSave).rejects.toBeInstanceOf(TransitionConflict);
    expect((await writer.cases.get(caseId))!.supplementCount).toBe(1);
    expect(await supplementsOf(caseId)).toBe(1);
    await expectCountersToMatch(caseId);
  });

  it('30 simultaneous supplements to a case at 18 add exactly 2, and a stale staff save cannot reopen the cap', async () => {
    const filed = await fileComplaint(writer, online());
    const { caseId, caseNumber } = filed.caseRecord;
    // Eighteen earlier supplements, saved as addSupplement saves them (without opening the case each time, for speed).
    let staffRead = (await writer.cases.get(caseId))!;
    for (let i = 1; i <= 18; i++) {
      const supplement = supplementCase(staffRead, `第${i}条`, { now: clock, newEventId: randomUUID });
      await writer.cases.saveTransition(staffRead, supplement);
      staffRead = supplement.next;
    }

    // Thirty of the worker's family, each on their own phone.
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => addSupplement(writer, caseNumber, filed.accessCode, `同时${i}`, nextClient())),
    );
    await writer.cases
      .saveTransition(
        staffRead,
        closeCase({
          caseRecord: staffRead,
          closure: { outcome: 'out_of_scope', summary: '不属受理范围' },
          caller: admin,
          moment: { now: clock, newEventId: randomUUID },
        }),
      )
      .catch(() => undefined);
    const later = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => addSupplement(writer, caseNumber, filed.accessCode, `之后${i}`, nextClient())),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    const refusals = [...results, ...later].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refusals).toHaveLength(33);
    for (const refused of refusals) expect(answerTo(refused)).toMatchObject(SUPPLEMENT_CAP_REACHED);
    expect((await writer.cases.get(caseId))!.supplementCount).toBe(20);
    expect(await supplementsOf(caseId)).toBe(20);
    await expectCountersToMatch(caseId);
    // DynamoDB Local serialises transactions: sixty-odd of them take a while on a busy machine.
  }, 120_000);

  it('a rating, supplements and the staff’s call-back at once: every counter equals a recomputation', async () => {
    const filed = await fileComplaint(writer, online());
    const { caseId, caseNumber } = filed.caseRecord;
    await closeCaseWithOutcome(writer, admin, caseId, { outcome: 'out_of_scope', summary: '不属受理范围' });

    const outcomes = await Promise.allSettled([
      giveFeedback(writer, caseNumber, filed.accessCode, { score: 2, comment: '没人联系我' }, nextClient()),
      addSupplement(writer, caseNumber, filed.accessCode, '用人单位已搬走', nextClient()),
      followUpCase(writer, callerOf('op-shenhe'), caseId, { reached: true, satisfaction: 4 }),
    ]);

    // Each of the worker's writes can lose at most twice (to the other two), and is tried three times: both go through.
    expect(outcomes.slice(0, 2).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const stored = (await writer.cases.get(caseId))!;
    expect(stored.feedback).toMatchObject({ score: 2 });
    expect(stored.supplementCount).toBe(1);
    await expectCountersToMatch(caseId);
  });
});
