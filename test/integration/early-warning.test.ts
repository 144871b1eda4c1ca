import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/domain/roles.js';
import { creditCodeCheckCharacter } from '../../shared/domain/identifiers.js';
import { AlertRepository } from '../../shared/store/alert-repository.js';
import { DeliveryRepository } from '../../shared/store/delivery-repository.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { registerCase } from '../../shared/usecases/cases.js';
import type { ComplainantAccess, Dependencies, PageCursors, PhoneHashing } from '../../shared/usecases/dependencies.js';
import { answerTransfer, transferCase } from '../../shared/usecases/dispatch.js';
import { listAlerts } from '../../shared/usecases/early-warning.js';
import type { StreamDependencies } from '../../shared/usecases/stream-dependencies.js';
import { runStreamJobs } from '../../scripts/local/stream-jobs.js';
import { startStreamFeeder, type StreamFeeder } from '../../scripts/local/stream-feeder.js';
import { answeredConsultation, callerOf, complaint } from '../support/fixtures.js';
import { refusal } from '../support/refusal.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { streamRecords } from '../support/stream.js';

let table: TestTable;
let deps: Dependencies & ComplainantAccess & PhoneHashing & PageCursors;

/** The consumer's dependencies; nothing is sent anywhere (these tests look at the alerts, not the messages). */
function consumerDeps(): StreamDependencies & PageCursors {
  return {
    ...deps,
    alerts: new AlertRepository(table),
    deliveries: new DeliveryRepository(table),
    sms: { send: async () => undefined },
    staffNotices: { send: async () => undefined },
  };
}

/** Runs the consumer over the whole stream so far, as a redelivery would (it is idempotent). */
async function consumeStream(): Promise<void> {
  expect((await runStreamJobs(consumerDeps(), await streamRecords(table))).batchItemFailures).toEqual([]);
}

let employerSerial = 0;
/** A fresh employer with a valid 统一社会信用代码, so each test's complaints are its own. */
function newEmployer(): { name: string; creditCode: string } {
  const first17 = `91210106MA${String(++employerSerial).padStart(7, '0')}`;
  return { name: `沈阳测试劳务有限公司${employerSerial}号`, creditCode: `${first17}${creditCodeCheckCharacter(first17)}` };
}

/** A legal department of a union no demo user belongs to. */
function adminOf(unionCode: string): Caller {
  return { ...callerOf('admin-heping'), staffId: randomUUID(), unionCode };
}

async function alertsOf(caller: Caller) {
  return (await listAlerts(consumerDeps(), caller, {})).items;
}

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
  deps = testDependencies(table);
});

afterAll(async () => {
  await table.drop();
});

describe('which requests count toward a wage-arrears warning', () => {
  it('counts a legal-aid application and a petition about the same employer’s unpaid wages beside a complaint', async () => {
    const employer = newEmployer();
    const kinds = ['complaint', 'legal_aid_application', 'petition'] as const;
    for (const kind of kinds) {
      await registerCase(deps, callerOf('op-heping'), complaint({ kind, employer, workersInvolved: 1 }));
    }

    await consumeStream();

    const alert = (await alertsOf(callerOf('admin-heping'))).find((visible) => visible.alert.creditCode === employer.creditCode);
    expect(alert?.alert.complaints).toHaveLength(3);
  });

  it('does not count consultations, suggestions, or complaints about anything but wages', async () => {
    const employer = newEmployer();
    for (let i = 0; i < 3; i++) {
      await registerCase(deps, callerOf('op-heping'), answeredConsultation({ category: 'wage_arrears', employer }));
    }
    const { answeredOnCall: _answered, ...consultation } = answeredConsultation({ category: 'wage_arrears', employer });
    await registerCase(deps, callerOf('op-heping'), { ...consultation, kind: 'suggestion' });
    await registerCase(deps, callerOf('op-heping'), complaint({ category: 'work_injury', employer, workersInvolved: 9 }));
    await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));

    await consumeStream();

    const alerts = await alertsOf(callerOf('admin-heping'));
    expect(alerts.map((visible) => visible.alert.creditCode)).not.toContain(employer.creditCode);
  });
});

describe('GET /alerts pages like the case lists', () => {
  it('hands out every alert once across pages, newest first, and refuses another query’s cursor', async () => {
    // Prepare: five alerts for 沈河区 (one collective complaint of 10 workers each crosses the threshold alone).
    const shenhe = adminOf('210103');
    const raised: string[] = [];
    for (let i = 0; i < 5; i++) {
      const employer = newEmployer();
      raised.push(employer.creditCode);
      await registerCase(deps, callerOf('op-shenhe'), complaint({ regionCode: '210103', employer, workersInvolved: 10 }));
    }
    await consumeStream();

    // Act: page through with two per page.
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listAlerts(consumerDeps(), shenhe, { limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((visible) => visible.alert.creditCode));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);

    // Assess: 2 + 2 + 1, no duplicates, no gaps, newest first.
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...raised].reverse());
    const first = await listAlerts(consumerDeps(), shenhe, { limit: 2 });
    await expect(
      refusal(listAlerts(consumerDeps(), callerOf('admin-heping'), { cursor: first.nextCursor! })),
    ).resolves.toMatchObject({
      status: 400,
      code: 'INVALID_CURSOR',
    });
  });
});

describe('an alert follows a transferred case', () => {
  it('moves the case’s part of the alert to the union that accepted it; the union that gave it up no longer sees it', async () => {
    // Prepare: two complaints in 和平区, one in 大东区, against one employer: one alert for both districts.
    const employer = newEmployer();
    await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));
    await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));
    const dadong = adminOf('210104');
    const { caseRecord: moved } = await registerCase(
      deps,
      { ...callerOf('op-shenyang'), unionCode: '210104' },
      complaint({ regionCode: '210104', employer, workersInvolved: 1 }),
    );
    await consumeStream();
    const ofEmployer = (alerts: Awaited<ReturnType<typeof alertsOf>>) =>
      alerts.find((visible) => visible.alert.creditCode === employer.creditCode);
    expect(ofEmployer(await alertsOf(dadong))?.visibleComplaints.map((c) => c.caseId)).toEqual([moved.caseId]);

    // Act: 大东区 transfers its case to 巴州区 (Sichuan), which accepts; the consumer reads the stream.
    await transferCase(deps, dadong, moved.caseId, { toUnion: '511902', reason: '用工地在巴州区' });
    await answerTransfer(deps, adminOf('511902'), moved.caseId, { accept: true });
    await consumeStream();

    // Assess: 巴州区 and Sichuan see the alert with the case; 大东区 no longer does; 和平区 still sees its two.
    const bazhou = ofEmployer(await alertsOf(adminOf('511902')));
    expect(bazhou?.visibleComplaints.map((c) => [c.caseId, c.unionCode])).toEqual([[moved.caseId, '511902']]);
    expect(ofEmployer(await alertsOf(callerOf('admin-sichuan')))?.alert.complaints).toHaveLength(3);
    expect(ofEmployer(await alertsOf(dadong))).toBeUndefined();
    const heping = ofEmployer(await alertsOf(callerOf('admin-heping')));
    expect(heping?.visibleComplaints).toHaveLength(2);
    expect(heping?.alert.unions).toEqual(['210000', '210100', '210102', '510000', '511900', '511902']);
  });
});

describe('the alert’s lag under npm start', () => {
  it('is raised by the local stream poller within two poll rounds of the registration that crosses the threshold', async () => {
    // Prepare: the poller npm start runs, over this table, counting its rounds.
    let rounds = 0;
    const waiters: { round: number; resolve: () => void }[] = [];
    const afterRound = (round: number) =>
      new Promise<void>((resolve) => {
        waiters.push({ round, resolve });
      });
    const feeder: StreamFeeder = await startStreamFeeder({
      client: table.raw,
      endpoint: table.endpoint,
      tableName: table.tableName,
      consume: (records) => runStreamJobs(consumerDeps(), records),
      pollMs: 10,
      onRound: () => {
        rounds++;
        for (const waiter of waiters.filter((candidate) => candidate.round <= rounds)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    });
    try {
      // Let it catch up with the records of the tests before.
      await afterRound(rounds + 3);
      const employer = newEmployer();
      await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));
      await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));

      // Act: the registration that crosses the threshold.
      await registerCase(deps, callerOf('op-heping'), complaint({ employer, workersInvolved: 1 }));
      const committedDuring = rounds;
      // The round under way may have read the stream before the commit; the next one cannot have.
      await afterRound(committedDuring + 2);

      // Assess
      const alerts = await alertsOf(callerOf('admin-heping'));
      expect(alerts.map((visible) => visible.alert.creditCode)).toContain(employer.creditCode);
    } finally {
      await feeder.stop();
    }
  });
});
