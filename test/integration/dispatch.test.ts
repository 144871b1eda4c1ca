import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/cases.js';
import type { Caller } from '../../shared/domain/roles.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { getCase, getTimeline, registerCase } from '../../shared/usecases/cases.js';
import type { ComplainantAccess, Dependencies, PhoneHashing } from '../../shared/usecases/dependencies.js';
import {
  answerTransfer,
  assignCase,
  claimCase,
  pendingTransfers,
  poolFor,
  releaseCase,
  transferCase,
} from '../../shared/usecases/dispatch.js';
import { sweep } from '../../shared/usecases/sweeper.js';
import { listRoster, putRosterEntry, type RosterEntryInput } from '../../shared/usecases/roster.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { AppError } from '../../shared/domain/errors.js';
import { statusOf as httpStatusOf } from '../../shared/http/error-status.js';
import { refusal } from '../support/refusal.js';

let table: TestTable;
let deps: Dependencies & ComplainantAccess & PhoneHashing;

/** A work-injury complaint: triage sends it to the lawyer pool. */
const injury = (overrides: Parameters<typeof complaint>[0] = {}) =>
  complaint({ category: 'work_injury', occurredOn: '2026-09-01', ...overrides });

function lawyerEntry(unionCode: string, overrides: Partial<RosterEntryInput> = {}): RosterEntryInput {
  return {
    displayName: '志愿律师',
    role: 'lawyer',
    unionCode,
    categories: ['work_injury', 'wage_arrears'],
    capacity: 10,
    dutyWeekdays: [1, 2, 3, 4, 5],
    dutyDates: [],
    conflicts: [],
    active: true,
    ...overrides,
  };
}

/** A lawyer on the roster of `unionCode`, as its legal department would add them. */
async function newLawyer(unionCode: string, overrides: Partial<RosterEntryInput> = {}, on = deps): Promise<Caller> {
  const staffId = randomUUID();
  const admin = unionCode.startsWith('21') ? callerOf('admin-liaoning') : callerOf('admin-sichuan');
  await putRosterEntry(on, admin, staffId, lawyerEntry(unionCode, overrides));
  return { staffId, username: `lawyer-${staffId.slice(0, 8)}`, roles: ['lawyer'], unionCode };
}

async function newInjuryCase(
  operator = 'op-heping',
  overrides: Parameters<typeof complaint>[0] = {},
  on = deps,
): Promise<CaseRecord> {
  return (await registerCase(on, callerOf(operator), injury(overrides))).caseRecord;
}

/**
 * Like Promise.all, but rejects only once every promise has settled: a load
 * test that fails must not leave hundreds of requests running into the next
 * test.
 */
async function allSettledOrThrow<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(promises);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

/** Everything stored under a case (the case, its timeline, its outbox), to show a refusal wrote nothing. */
async function storedUnder(caseId: string): Promise<Record<string, unknown>[]> {
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      ConsistentRead: true,
    }),
  );
  return page.Items ?? [];
}

const activeCasesOf = async (staffId: string, province = '210000') => (await deps.staff.get(province, staffId))?.activeCases;

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: AppError) => (error instanceof AppError ? httpStatusOf(error) : 500),
  );

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
  deps = testDependencies(table);
});
afterAll(async () => table.drop());

describe('claiming from the pool', () => {
  it('50 concurrent claimers on each of 200 cases: one owner per case, every loser a 409, one claim on each timeline', async () => {
    // Its own table, dropped even if the test fails: ten thousand claims leave nothing behind for the next tests.
    const loadTable = await createTestTable();
    try {
      const load = testDependencies(loadTable);
      const claimers = await allSettledOrThrow(Array.from({ length: 50 }, () => newLawyer('210102', {}, load)));
      // The cases are set up twenty at a time: the race under test is the claims, not 200 filings on one counter.
      const cases: CaseRecord[] = [];
      while (cases.length < 200) {
        cases.push(...(await allSettledOrThrow(Array.from({ length: 20 }, () => newInjuryCase('op-heping', {}, load)))));
      }

      const outcomes: { caseId: string; statuses: number[] }[] = [];
      // Ten cases at a time, each raced by all 50 claimers (500 claims in flight).
      for (let start = 0; start < cases.length; start += 10) {
        outcomes.push(
          ...(await allSettledOrThrow(
            cases.slice(start, start + 10).map(async (caseRecord) => ({
              caseId: caseRecord.caseId,
              statuses: await allSettledOrThrow(claimers.map((claimer) => statusOf(claimCase(load, claimer, caseRecord.caseId)))),
            })),
          )),
        );
      }

      for (const { caseId, statuses } of outcomes) {
        expect(statuses.filter((status) => status === 200)).toHaveLength(1);
        expect(statuses.filter((status) => status === 409)).toHaveLength(49);
        const stored = await load.cases.get(caseId);
        expect(stored?.status).toBe('claimed');
        const claims = (await load.cases.timeline(caseId)).filter((event) => event.type === 'claimed');
        expect(claims).toHaveLength(1);
        expect(claims[0]!.actor).toMatchObject({ staffId: stored!.owner!.staffId });
      }
      // Every claimer's active-case count matches the cases they won.
      const owners = await Promise.all(outcomes.map(async ({ caseId }) => (await load.cases.get(caseId))!.owner!.staffId));
      for (const claimer of claimers) {
        const profile = await load.staff.get('210000', claimer.staffId);
        expect(profile!.activeCases).toBe(owners.filter((owner) => owner === claimer.staffId).length);
      }
    } finally {
      await loadTable.drop();
    }
  }, 300_000);

  it('hides details until claimed, shows them to the owner after, and records each disclosure', async () => {
    const lawyer = await newLawyer('210102');
    const caseRecord = await newInjuryCase();

    const inPool = (await poolFor(deps, lawyer)).find((candidate) => candidate.caseId === caseRecord.caseId);
    expect(inPool).toBeDefined();
    expect((await getCase(deps, lawyer, caseRecord.caseId)).contact).toBeUndefined();

    await claimCase(deps, lawyer, caseRecord.caseId);
    const owned = await getCase(deps, lawyer, caseRecord.caseId);
    expect(owned.contact).toMatchObject({ name: '张伟', mobile: '13812345678' });
    expect((await poolFor(deps, lawyer)).some((candidate) => candidate.caseId === caseRecord.caseId)).toBe(false);

    const disclosures = (await getTimeline(deps, lawyer, caseRecord.caseId)).filter((event) => event.type === 'contact_viewed');
    expect(disclosures.map((event) => event.actor)).toEqual([{ kind: 'staff', staffId: lawyer.staffId, role: 'lawyer' }]);
  });

  it('keeps another union’s lawyer out: not in their pool, and 404 on claim', async () => {
    const sibling = await newLawyer('210103');
    const caseRecord = await newInjuryCase();
    expect((await poolFor(deps, sibling)).some((candidate) => candidate.caseId === caseRecord.caseId)).toBe(false);
    await expect(refusal(claimCase(deps, sibling, caseRecord.caseId))).resolves.toMatchObject({ status: 404 });
  });

  it('honours conflicts of interest and categories (422) and capacity (409)', async () => {
    const caseRecord = await newInjuryCase();
    const conflicted = await newLawyer('210102', { conflicts: ['91210102MA0QC12347'] });
    expect((await poolFor(deps, conflicted)).some((candidate) => candidate.caseId === caseRecord.caseId)).toBe(false);
    await expect(refusal(claimCase(deps, conflicted, caseRecord.caseId))).resolves.toMatchObject({ status: 422 });

    const wagesOnly = await newLawyer('210102', { categories: ['wage_arrears'] });
    await expect(refusal(claimCase(deps, wagesOnly, caseRecord.caseId))).resolves.toMatchObject({ status: 422 });

    const busy = await newLawyer('210102', { capacity: 1 });
    await claimCase(deps, busy, caseRecord.caseId);
    const another = await newInjuryCase();
    await expect(refusal(claimCase(deps, busy, another.caseId))).resolves.toMatchObject({
      status: 409,
      message: expect.stringMatching(/capacity/),
    });

    // Releasing frees the capacity and returns the case to the pool.
    await releaseCase(deps, busy, caseRecord.caseId, '需要回避');
    expect((await deps.cases.get(caseRecord.caseId))!.status).toBe('in_pool');
    await claimCase(deps, busy, another.caseId);
  });
});

describe('stale claims', () => {
  it('go back to the pool after 48 hours without action, once, freeing the owner’s capacity', async () => {
    const lawyer = await newLawyer('210102');
    const caseRecord = await newInjuryCase();
    await claimCase(deps, lawyer, caseRecord.caseId);

    await sweep(testDependencies(table, { now: () => new Date(Date.now() + 47 * 60 * 60 * 1000) }));
    expect((await deps.cases.get(caseRecord.caseId))!.status).toBe('claimed');

    const later = testDependencies(table, { now: () => new Date(Date.now() + 49 * 60 * 60 * 1000) });
    await Promise.all([sweep(later), sweep(later)]);
    expect((await deps.cases.get(caseRecord.caseId))!.status).toBe('in_pool');
    expect((await deps.staff.get('210000', lawyer.staffId))!.activeCases).toBe(0);
    const returned = (await deps.cases.timeline(caseRecord.caseId)).filter(
      (event) => event.type === 'released' && event.actor.kind === 'system',
    );
    expect(returned).toHaveLength(1);
  });
});

describe('urgent hotline cases', () => {
  it('go straight to a lawyer on duty in unions that ask for it, and wait for the legal department otherwise', async () => {
    const collective = injury({ workersInvolved: 14, category: 'wage_arrears' });
    const monday = testDependencies(table, { now: () => new Date('2026-11-23T02:00:00Z') });
    const assigned = (await registerCase(monday, callerOf('op-heping'), collective)).caseRecord;
    expect(assigned).toMatchObject({
      priority: 'urgent',
      route: 'legal_department',
      status: 'claimed',
      owner: { role: 'lawyer' },
    });
    const onDuty = await deps.staff.get('210000', assigned.owner!.staffId);
    expect(onDuty!.dutyWeekdays).toContain(1);
    const events = await getTimeline(monday, callerOf('admin-heping'), assigned.caseId);
    expect(events.find((event) => event.type === 'assigned')).toMatchObject({
      actor: { kind: 'system' },
      data: { rule: 'urgent-hotline-to-duty-lawyer' },
    });
    // Assigning is not answering: the 30-minute first response waits for the lawyer.
    const firstResponse = assigned.deadlines?.find((deadline) => deadline.clock === 'first_response');
    expect(firstResponse).toMatchObject({ dueAt: '2026-11-23T02:30:00.000Z' });
    expect(firstResponse?.metAt).toBeUndefined();

    // Saturday: nobody on duty, so the case waits for the legal department.
    const saturday = testDependencies(table, { now: () => new Date('2026-11-21T02:00:00Z') });
    expect((await registerCase(saturday, callerOf('op-heping'), collective)).caseRecord).toMatchObject({ status: 'triaged' });
    // 沈河区 has not asked for automatic assignment.
    const shenhe = (await registerCase(monday, callerOf('op-shenhe'), { ...collective, regionCode: '210103' })).caseRecord;
    expect(shenhe.owner).toBeUndefined();
  });
});

describe('an urgent hotline case whose automatic assignment meets a store that refuses', () => {
  it('is answered registered, waiting for the legal department, and registered once', async () => {
    const collective = injury({ workersInvolved: 14, category: 'wage_arrears' });
    const monday = testDependencies(table, { now: () => new Date('2026-11-23T02:00:00Z') });
    const cases = monday.cases;
    const refusing = Object.assign(Object.create(Object.getPrototypeOf(cases)), cases, {
      saveTransition: async () => {
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException' });
      },
    }) as typeof cases;
    const registered = await registerCase({ ...monday, cases: refusing }, callerOf('op-heping'), collective);

    expect(registered.caseRecord).toMatchObject({ priority: 'urgent', status: 'triaged' });
    expect(registered.caseRecord.owner).toBeUndefined();
    expect(await deps.cases.get(registered.caseRecord.caseId)).toMatchObject({
      status: 'triaged',
      caseNumber: registered.caseRecord.caseNumber,
    });
  });
});

describe('triage per union', () => {
  it('follows the union’s own configuration: 巴州区 mediates work injuries first', async () => {
    const bazhou = await registerCase(deps, callerOf('op-bazhou'), injury({ regionCode: '511902' }));
    expect(bazhou.caseRecord).toMatchObject({ route: 'mediation', pool: 'mediation' });
    expect((await newInjuryCase()).route).toBe('lawyer');
  });
});

describe('assignment by the legal department', () => {
  it('assigns within capacity, refuses beyond it, and overrides only with a reason kept on the timeline', async () => {
    const lawyer = await newLawyer('210102', { capacity: 1 });
    const first = await newInjuryCase();
    const second = await newInjuryCase();
    await assignCase(deps, callerOf('admin-heping'), first.caseId, { staffId: lawyer.staffId });
    await expect(
      refusal(assignCase(deps, callerOf('admin-heping'), second.caseId, { staffId: lawyer.staffId })),
    ).resolves.toMatchObject({
      status: 422,
    });

    await assignCase(deps, callerOf('admin-heping'), second.caseId, {
      staffId: lawyer.staffId,
      override: { rules: ['at_capacity'], reason: '律师本人同意加办' },
    });
    const assigned = (await getTimeline(deps, callerOf('admin-heping'), second.caseId)).find(
      (event) => event.type === 'assigned',
    );
    expect(assigned?.data).toMatchObject({
      override: { reason: '律师本人同意加办', rules: ['at_capacity'], overridden: ['at_capacity'] },
    });
    expect((await deps.staff.get('210000', lawyer.staffId))!.activeCases).toBe(2);
  });

  it('waives only the rules an override names: a category override does not take a lawyer beyond capacity', async () => {
    const wagesOnly = await newLawyer('210102', { capacity: 1, categories: ['wage_arrears'] });
    const admin = callerOf('admin-heping');
    const first = await newInjuryCase();
    await assignCase(deps, admin, first.caseId, {
      staffId: wagesOnly.staffId,
      override: { rules: ['category_not_taken'], reason: '律师有工伤案件经验' },
    });
    expect(await activeCasesOf(wagesOnly.staffId)).toBe(1);

    const second = await newInjuryCase();
    const before = await storedUnder(second.caseId);
    await expect(
      refusal(
        assignCase(deps, admin, second.caseId, {
          staffId: wagesOnly.staffId,
          override: { rules: ['category_not_taken'], reason: '律师有工伤案件经验' },
        }),
      ),
    ).resolves.toMatchObject({ status: 422, details: [{ path: 'override.rules', code: 'at_capacity' }] });
    // Nothing written: no case change, no timeline event, no SMS, no capacity taken.
    expect(await storedUnder(second.caseId)).toEqual(before);
    expect(await activeCasesOf(wagesOnly.staffId)).toBe(1);

    // Naming both rules waives both, and the timeline says which.
    await assignCase(deps, admin, second.caseId, {
      staffId: wagesOnly.staffId,
      override: { rules: ['category_not_taken', 'at_capacity'], reason: '律师本人同意加办' },
    });
    const assigned = (await getTimeline(deps, admin, second.caseId)).find((event) => event.type === 'assigned');
    expect(assigned?.data).toMatchObject({
      override: { rules: ['category_not_taken', 'at_capacity'], overridden: ['category_not_taken', 'at_capacity'] },
    });
    expect(await activeCasesOf(wagesOnly.staffId)).toBe(2);
  });

  it('refuses to make someone the owner of a case they cannot see (a sibling district’s lawyer), writing nothing', async () => {
    // 沈阳市 assigns a 和平区 case to a 沈河区 lawyer: the lawyer could neither open nor release it.
    const shenheLawyer = await newLawyer('210103');
    const caseRecord = await newInjuryCase();
    const before = await storedUnder(caseRecord.caseId);

    for (const override of [
      undefined,
      { rules: ['at_capacity', 'category_not_taken', 'conflict_of_interest'], reason: '紧急' },
    ]) {
      await expect(
        refusal(
          assignCase(deps, callerOf('admin-shenyang'), caseRecord.caseId, {
            staffId: shenheLawyer.staffId,
            ...(override ? { override } : {}),
          } as Parameters<typeof assignCase>[3]),
        ),
      ).resolves.toMatchObject({ status: 422, details: [{ path: 'staffId', code: 'case_outside_union' }] });
    }
    expect(await storedUnder(caseRecord.caseId)).toEqual(before);
    expect(await activeCasesOf(shenheLawyer.staffId)).toBe(0);
    await expect(refusal(getCase(deps, shenheLawyer, caseRecord.caseId))).resolves.toMatchObject({ status: 404 });

    // A city lawyer sees the whole city, so a district case may go to them.
    const cityLawyer = await newLawyer('210100');
    await assignCase(deps, callerOf('admin-shenyang'), caseRecord.caseId, { staffId: cityLawyer.staffId });
    expect((await getCase(deps, cityLawyer, caseRecord.caseId)).caseRecord.owner?.staffId).toBe(cityLawyer.staffId);
  });

  it('does not assign a lawyer moved to another district between reading the roster and writing the case', async () => {
    const lawyer = await newLawyer('210102');
    const asRead = (await deps.staff.get('210000', lawyer.staffId))!;
    // Meanwhile the city's legal department moves them to 沈河区.
    await putRosterEntry(deps, callerOf('admin-shenyang'), lawyer.staffId, lawyerEntry('210103'));
    const staleRoster = Object.assign(Object.create(deps.staff) as typeof deps.staff, {
      get: async () => asRead,
    });
    const caseRecord = await newInjuryCase();
    const before = await storedUnder(caseRecord.caseId);

    await expect(
      refusal(
        assignCase({ ...deps, staff: staleRoster }, callerOf('admin-shenyang'), caseRecord.caseId, { staffId: lawyer.staffId }),
      ),
    ).resolves.toMatchObject({ status: 409 });
    expect(await storedUnder(caseRecord.caseId)).toEqual(before);
    expect(await activeCasesOf(lawyer.staffId)).toBe(0);
  });

  it('reassigns: the previous owner’s count goes down, the new owner’s up', async () => {
    const [one, two] = [await newLawyer('210102'), await newLawyer('210102')];
    const caseRecord = await newInjuryCase();
    await claimCase(deps, one, caseRecord.caseId);
    await assignCase(deps, callerOf('admin-shenyang'), caseRecord.caseId, { staffId: two.staffId });
    expect((await deps.staff.get('210000', one.staffId))!.activeCases).toBe(0);
    expect((await deps.staff.get('210000', two.staffId))!.activeCases).toBe(1);
    expect((await deps.cases.get(caseRecord.caseId))!.owner!.staffId).toBe(two.staffId);
  });

  it('cannot assign someone outside the admin’s subtree', async () => {
    const elsewhere = await newLawyer('511902');
    const caseRecord = await newInjuryCase();
    await expect(
      refusal(assignCase(deps, callerOf('admin-heping'), caseRecord.caseId, { staffId: elsewhere.staffId })),
    ).resolves.toMatchObject({
      status: 422,
    });
  });
});

describe('the roster', () => {
  it('keeps a staff id on one province’s roster: another province’s PUT is a 404 and writes nothing', async () => {
    const liaoning = await newLawyer('210102');
    await expect(
      refusal(putRosterEntry(deps, callerOf('admin-sichuan'), liaoning.staffId, lawyerEntry('511902'))),
    ).resolves.toMatchObject({
      status: 404,
    });
    expect(await deps.staff.get('510000', liaoning.staffId)).toBeUndefined();
    expect(await listRoster(deps, callerOf('admin-sichuan'), {})).not.toContainEqual(
      expect.objectContaining({ staffId: liaoning.staffId }),
    );

    // So 四川 cannot make the 辽宁 lawyer the owner of a 巴州区 case.
    const bazhou = (await registerCase(deps, callerOf('op-bazhou'), injury({ regionCode: '511902' }))).caseRecord;
    await expect(
      refusal(assignCase(deps, callerOf('admin-sichuan'), bazhou.caseId, { staffId: liaoning.staffId })),
    ).resolves.toMatchObject({ status: 422, details: [{ path: 'staffId' }] });
    expect((await deps.cases.get(bazhou.caseId))!.owner).toBeUndefined();
  });

  it('lets only one of two provinces adding the same new staff id at once have them', async () => {
    const staffId = randomUUID();
    const statuses = await Promise.all([
      statusOf(putRosterEntry(deps, callerOf('admin-liaoning'), staffId, lawyerEntry('210102'))),
      statusOf(putRosterEntry(deps, callerOf('admin-sichuan'), staffId, lawyerEntry('511902'))),
    ]);
    expect(statuses.sort()).toEqual([200, 404]);
    const entries = [await deps.staff.get('210000', staffId), await deps.staff.get('510000', staffId)];
    expect(entries.filter(Boolean)).toHaveLength(1);
  });

  it('does not move someone working cases to a union that might not see them (they would own cases they cannot open)', async () => {
    const lawyer = await newLawyer('210102');
    const caseRecord = await newInjuryCase();
    await claimCase(deps, lawyer, caseRecord.caseId);
    const city = callerOf('admin-shenyang');

    await expect(refusal(putRosterEntry(deps, city, lawyer.staffId, lawyerEntry('210103')))).resolves.toMatchObject({
      status: 422,
      details: [{ path: 'unionCode', code: 'has_active_cases' }],
    });
    expect((await deps.staff.get('210000', lawyer.staffId))!.unionCode).toBe('210102');

    // Up to the city is fine: the city's area holds every case they work.
    await putRosterEntry(deps, city, lawyer.staffId, lawyerEntry('210100'));
    const moved = { ...lawyer, unionCode: '210100' };
    expect((await getCase(deps, moved, caseRecord.caseId)).caseRecord.owner?.staffId).toBe(lawyer.staffId);
  });

  it('moves a person between unions of the subtree by updating their one entry', async () => {
    const lawyer = await newLawyer('210102');
    await putRosterEntry(deps, callerOf('admin-shenyang'), lawyer.staffId, lawyerEntry('210103'));
    const entries = (await listRoster(deps, callerOf('admin-shenyang'), {})).filter((entry) => entry.staffId === lawyer.staffId);
    expect(entries).toEqual([expect.objectContaining({ unionCode: '210103', unionPath: ['210000', '210100', '210103'] })]);
  });
});

describe('transfers between unions', () => {
  it('is pending for both unions, then belongs only to the receiver, in its pool, with the same number', async () => {
    const caseRecord = await newInjuryCase();
    await transferCase(deps, callerOf('admin-heping'), caseRecord.caseId, { toUnion: '210103', reason: '用工地在沈河区' });

    const receiver = callerOf('admin-shenyang');
    const shenhe = { ...callerOf('admin-heping'), staffId: randomUUID(), unionCode: '210103' };
    expect((await pendingTransfers(deps, shenhe)).incoming.map((pending) => pending.caseId)).toContain(caseRecord.caseId);
    expect((await pendingTransfers(deps, callerOf('admin-heping'))).outgoing.map((pending) => pending.caseId)).toContain(
      caseRecord.caseId,
    );
    expect((await getCase(deps, shenhe, caseRecord.caseId)).caseRecord.status).toBe('transfer_pending');
    expect((await getCase(deps, callerOf('op-heping'), caseRecord.caseId)).caseRecord.status).toBe('transfer_pending');
    // The sender cannot answer its own transfer.
    await expect(
      refusal(answerTransfer(deps, callerOf('admin-heping'), caseRecord.caseId, { accept: true })),
    ).resolves.toMatchObject({
      status: 403,
    });

    const accepted = await answerTransfer(deps, shenhe, caseRecord.caseId, { accept: true });
    expect(accepted).toMatchObject({ unionCode: '210103', status: 'in_pool', caseNumber: caseRecord.caseNumber });
    await expect(refusal(getCase(deps, callerOf('op-heping'), caseRecord.caseId))).resolves.toMatchObject({ status: 404 });
    expect((await getCase(deps, receiver, caseRecord.caseId)).caseRecord.unionCode).toBe('210103');
    const shenheLawyer = await newLawyer('210103');
    expect((await poolFor(deps, shenheLawyer)).map((candidate) => candidate.caseId)).toContain(caseRecord.caseId);
  });

  it('returns a rejected transfer to the sender with the reason', async () => {
    const caseRecord = await newInjuryCase();
    await transferCase(deps, callerOf('admin-heping'), caseRecord.caseId, { toUnion: '210103', reason: '用工地在沈河区' });
    const shenhe = { ...callerOf('admin-heping'), staffId: randomUUID(), unionCode: '210103' };
    const rejected = await answerTransfer(deps, shenhe, caseRecord.caseId, { accept: false, reason: '用人单位在和平区注册' });

    expect(rejected).toMatchObject({ unionCode: '210102', status: 'in_pool' });
    expect(rejected.transfer).toBeUndefined();
    await expect(refusal(getCase(deps, shenhe, caseRecord.caseId))).resolves.toMatchObject({ status: 404 });
    const events = await getTimeline(deps, callerOf('admin-heping'), caseRecord.caseId);
    expect(events.find((event) => event.type === 'transfer_rejected')?.data).toMatchObject({ reason: '用人单位在和平区注册' });
  });

  it('refuses to transfer a case someone is working', async () => {
    const lawyer = await newLawyer('210102');
    const caseRecord = await newInjuryCase();
    await claimCase(deps, lawyer, caseRecord.caseId);
    await expect(
      refusal(transferCase(deps, callerOf('admin-heping'), caseRecord.caseId, { toUnion: '210103', reason: '转交' })),
    ).resolves.toMatchObject({ status: 409 });
  });
});
