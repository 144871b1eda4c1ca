import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/domain/errors.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { getCase, getTimeline, listCases, lookupCaller, registerCase } from '../../shared/usecases/cases.js';
import type { Dependencies, PageCursors, PhoneHashing } from '../../shared/usecases/dependencies.js';
import { answeredConsultation, callerOf, complaint, complaint as baseComplaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { staffRegistrationIdempotency } from '../../shared/usecases/digests.js';
import { refusal } from '../support/refusal.js';

let table: TestTable;

function dependencies(now: () => Date = () => new Date('2026-11-21T02:00:00Z')): Dependencies & PhoneHashing {
  return testDependencies(table, { now });
}

async function allItems(): Promise<Record<string, unknown>[]> {
  const result = await table.client.send(new ScanCommand({ TableName: table.tableName }));
  return result.Items ?? [];
}

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
});
afterAll(async () => table.drop());

describe('registering a call', () => {
  it('numbers cases <union>-<China date>-<NNNN>, sequentially per union and day', async () => {
    // 2026-11-21T17:00Z is already 22 November in China.
    const lateEvening = dependencies(() => new Date('2026-11-21T17:00:00Z'));
    const first = await registerCase(lateEvening, callerOf('op-heping'), complaint());
    const second = await registerCase(lateEvening, callerOf('op-heping'), complaint());
    const otherUnion = await registerCase(lateEvening, callerOf('op-shenhe'), complaint({ regionCode: '210103' }));

    expect(first.caseRecord.caseNumber).toBe('210102-20261122-0001');
    expect(second.caseRecord.caseNumber).toBe('210102-20261122-0002');
    expect(otherUnion.caseRecord.caseNumber).toBe('210103-20261122-0001');
  });

  it('gives a burst of registrations in one union distinct, gapless numbers', async () => {
    const deps = dependencies(() => new Date('2026-11-25T03:00:00Z'));
    const registered = await Promise.all(
      Array.from({ length: 40 }, () => registerCase(deps, callerOf('op-heping'), complaint())),
    );
    const sequences = registered.map((entry) => Number(entry.caseRecord.caseNumber.slice(-4))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });

  it('places the case in the deepest union covering its region, within the operator’s subtree', async () => {
    // A city operator registering for a region with no district union of its own (辽中区 has one; 210122 has none).
    const registered = await registerCase(dependencies(), callerOf('op-shenyang'), complaint({ regionCode: '210122' }));
    expect(registered.caseRecord.unionCode).toBe('210100');
    expect(registered.caseRecord.unionPath).toEqual(['210000', '210100']);

    const inDistrict = await registerCase(dependencies(), callerOf('op-shenyang'), complaint({ regionCode: '210106' }));
    expect(inDistrict.caseRecord.unionCode).toBe('210106');
  });

  it('refuses a region outside the operator’s subtree with 422 and writes nothing', async () => {
    const before = await allItems();
    const attempt = registerCase(dependencies(), callerOf('op-heping'), complaint({ regionCode: '210103' }));
    await expect(refusal(attempt)).resolves.toMatchObject({ code: 'REGION_OUTSIDE_SUBTREE', status: 422 });
    const unserved = registerCase(dependencies(), callerOf('op-heping'), complaint({ regionCode: '440300' }));
    await expect(refusal(unserved)).resolves.toMatchObject({ code: 'REGION_NOT_SERVED', status: 422 });
    expect(await allItems()).toEqual(before);
  });

  it('writes the first timeline event with the case, and closes a consultation answered on the call', async () => {
    const deps = dependencies();
    const consultation = await registerCase(deps, callerOf('op-heping'), answeredConsultation());
    expect(consultation.caseRecord.status).toBe('closed');
    expect(consultation.caseRecord.outcome).toBe('advice_given');

    const events = await getTimeline(deps, callerOf('op-heping'), consultation.caseRecord.caseId);
    expect(events.map((event) => event.type)).toEqual(['registered', 'triaged', 'answered_on_call']);
    expect(events[0]).toMatchObject({ actor: { kind: 'staff', role: 'operator', staffId: callerOf('op-heping').staffId } });
  });

  it('is all or nothing: a clash on any item leaves no case, contact or event, and the number is not reused', async () => {
    const deps = dependencies(() => new Date('2026-12-01T02:00:00Z'));
    // Occupy the case number the next registration will take: the transaction must fail whole.
    await table.client.send(
      new PutCommand({ TableName: table.tableName, Item: { PK: 'CASENO#210102-20261201-0001', SK: 'CASENO', caseId: 'other' } }),
    );
    const before = await allItems();
    await expect(registerCase(deps, callerOf('op-heping'), complaint())).rejects.toThrow();

    const added = (await allItems()).filter((item) => !before.some((old) => old.PK === item.PK && old.SK === item.SK));
    expect(added.map((item) => item.SK)).toEqual(['CASESEQ#20261201']);
    const next = await registerCase(deps, callerOf('op-heping'), complaint());
    expect(next.caseRecord.caseNumber).toBe('210102-20261201-0002');
  });
});

describe('reading within the union subtree', () => {
  it('answers 404 for a sibling union’s case, and lets the city and province see it', async () => {
    const deps = dependencies();
    const registered = await registerCase(deps, callerOf('op-heping'), complaint());
    const caseId = registered.caseRecord.caseId;

    await expect(refusal(getCase(deps, callerOf('op-shenhe'), caseId))).resolves.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    await expect(getTimeline(deps, callerOf('op-shenhe'), caseId)).rejects.toBeInstanceOf(AppError);
    await expect(refusal(getCase(deps, callerOf('admin-sichuan'), caseId))).resolves.toMatchObject({ status: 404 });
    expect((await getCase(deps, callerOf('admin-shenyang'), caseId)).caseRecord.caseNumber).toBe(
      registered.caseRecord.caseNumber,
    );
    expect((await getCase(deps, callerOf('admin-liaoning'), caseId)).caseRecord.caseId).toBe(caseId);
  });

  it('shows contact details to operators and legal admins, masked to lawyers', async () => {
    const deps = dependencies();
    const { caseRecord } = await registerCase(deps, callerOf('op-heping'), complaint());
    expect((await getCase(deps, callerOf('admin-heping'), caseRecord.caseId)).contact?.mobile).toBe('13812345678');
    const forLawyer = await getCase(deps, callerOf('lawyer-heping'), caseRecord.caseId);
    expect(forLawyer.contact).toBeUndefined();
    expect(forLawyer.caseRecord.complainant).toMatchObject({
      nameMasked: '张*',
      mobileMasked: '138****5678',
      idNumberMasked: '210102********1233',
    });
  });

  it('never stores the plain phone number outside the contact item, and no index holds it', async () => {
    await registerCase(
      dependencies(),
      callerOf('op-heping'),
      complaint({ complainant: { ...complaint().complainant, mobile: '13712349876' } }),
    );
    const holding = (await allItems()).filter((item) => JSON.stringify(item).includes('13712349876'));
    expect(holding.map((item) => item.SK)).toEqual(['CONTACT']);
  });
});

describe('listing and looking up', () => {
  let listTable: TestTable;
  let deps: Dependencies & PhoneHashing & PageCursors;

  beforeAll(async () => {
    listTable = await createTestTable();
    const base = testDependencies(listTable);
    // Seven cases in 和平区 across two months, two in 沈河区.
    const at = (iso: string) => ({ ...base, now: () => new Date(iso) });
    const complaint = (overrides: Parameters<typeof baseComplaint>[0] = {}) =>
      baseComplaint({ occurredOn: '2026-09-30', ...overrides });
    for (let day = 1; day <= 4; day++) {
      await registerCase(at(`2026-10-0${day}T02:00:00Z`), callerOf('op-heping'), complaint());
    }
    await registerCase(at('2026-11-02T02:00:00Z'), callerOf('op-heping'), complaint({ category: 'work_injury' }));
    await registerCase(at('2026-11-03T02:00:00Z'), callerOf('op-heping'), answeredConsultation());
    await registerCase(at('2026-11-04T02:00:00Z'), callerOf('op-heping'), complaint());
    await registerCase(at('2026-11-04T03:00:00Z'), callerOf('op-shenhe'), complaint({ regionCode: '210103' }));
    await registerCase(at('2026-11-05T03:00:00Z'), callerOf('op-shenhe'), answeredConsultation({ regionCode: '210103' }));
    deps = base;
  });
  afterAll(async () => listTable.drop());

  it('lists a district’s own cases, newest first, and a city’s whole subtree', async () => {
    const district = await listCases(deps, callerOf('op-heping'), { limit: 100 });
    expect(district.items).toHaveLength(7);
    const registeredAt = district.items.map((item) => item.registeredAt);
    expect(registeredAt).toEqual([...registeredAt].sort().reverse());
    expect(district.items.every((item) => item.unionCode === '210102')).toBe(true);

    const city = await listCases(deps, callerOf('admin-shenyang'), { limit: 100 });
    expect(city.items).toHaveLength(9);
    const otherProvince = await listCases(deps, callerOf('admin-sichuan'), { limit: 100 });
    expect(otherProvince.items).toHaveLength(0);
  });

  it('filters by month (China time), status, category and kind', async () => {
    const october = await listCases(deps, callerOf('op-heping'), { month: '2026-10', limit: 100 });
    expect(october.items).toHaveLength(4);
    const closed = await listCases(deps, callerOf('admin-shenyang'), { status: 'closed', limit: 100 });
    expect(closed.items.map((item) => item.kind)).toEqual(['consultation', 'consultation']);
    const injuries = await listCases(deps, callerOf('op-heping'), { category: 'work_injury', kind: 'complaint', limit: 100 });
    expect(injuries.items).toHaveLength(1);
  });

  it('pages with a cursor without repeating or skipping a case', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCases(deps, callerOf('op-heping'), { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.caseId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  it('rejects a forged cursor with 400', async () => {
    await expect(
      refusal(listCases(deps, callerOf('op-heping'), { limit: 3, cursor: 'bm90LWEtY3Vyc29y' })),
    ).resolves.toMatchObject({
      code: 'INVALID_CURSOR',
      status: 400,
      details: [{ path: 'cursor' }],
    });
  });

  it('refuses a November cursor on the October list with 400 INVALID_CURSOR, not a store error', async () => {
    const november = await listCases(deps, callerOf('op-heping'), { month: '2026-11', limit: 2 });
    expect(november.nextCursor).toBeDefined();

    const reused = listCases(deps, callerOf('op-heping'), { month: '2026-10', limit: 2, cursor: november.nextCursor! });

    await expect(refusal(reused)).resolves.toMatchObject({ code: 'INVALID_CURSOR', status: 400, details: [{ path: 'cursor' }] });
  });

  it('refuses a cursor under another filter or another caller’s union, and keeps serving it to its own query', async () => {
    const first = await listCases(deps, callerOf('admin-shenyang'), { limit: 2 });
    const cursor = first.nextCursor!;

    await expect(
      refusal(listCases(deps, callerOf('admin-shenyang'), { limit: 2, kind: 'complaint', cursor })),
    ).resolves.toMatchObject({
      code: 'INVALID_CURSOR',
    });
    await expect(refusal(listCases(deps, callerOf('op-heping'), { limit: 2, cursor }))).resolves.toMatchObject({
      code: 'INVALID_CURSOR',
    });
    // The page size may change between pages: it is not part of what the cursor points into.
    const next = await listCases(deps, callerOf('admin-shenyang'), { limit: 5, cursor });
    expect(next.items).toHaveLength(5);
  });

  it('finds a repeat caller’s earlier cases within the subtree only', async () => {
    const mine = await lookupCaller(deps, callerOf('op-heping'), '13812345678');
    expect(mine.phoneMasked).toBe('138****5678');
    expect(mine.cases).toHaveLength(6);
    expect(mine.cases.every((row) => row.unionCode === '210102')).toBe(true);

    const city = await lookupCaller(deps, callerOf('admin-shenyang'), '13812345678');
    expect(city.cases).toHaveLength(7);
    expect((await lookupCaller(deps, callerOf('op-heping'), '13000000000')).cases).toEqual([]);
  });
});

describe('automatic assignment of urgent hotline cases', () => {
  it('leaves a consultation answered on the call closed: nobody is assigned and no capacity is taken (issue 12, defect 6)', async () => {
    // Monday 10:00 in China: 和平区's duty lawyer is on duty and has room.
    const monday = testDependencies(table, { now: () => new Date('2026-11-23T02:00:00Z') });
    const lawyer = callerOf('lawyer-heping');
    const before = (await monday.staff.get('210000', lawyer.staffId))!.activeCases;

    // Twelve workers make it a collective, urgent matter; answered on the call, it is registered closed.
    const { caseRecord } = await registerCase(
      monday,
      callerOf('op-heping'),
      answeredConsultation({ workersInvolved: 12, category: 'wage_arrears' }),
    );
    expect(caseRecord).toMatchObject({ priority: 'urgent', status: 'closed' });
    expect(caseRecord.owner).toBeUndefined();
    expect((await monday.cases.get(caseRecord.caseId))!.status).toBe('closed');
    expect((await monday.cases.timeline(caseRecord.caseId)).map((event) => event.type)).not.toContain('assigned');
    expect((await monday.staff.get('210000', lawyer.staffId))!.activeCases).toBe(before);
  });
});

describe('registering with an Idempotency-Key (issue 12, defect 2)', () => {
  const idempotencyFor = (username: string, key: string, input: ReturnType<typeof complaint>) =>
    staffRegistrationIdempotency(callerOf(username).staffId, key, input);

  async function storedOf(caseNumberPrefix: string) {
    const stored = await allItems();
    // A case item keeps its number and id in its row (shared/store/case-item.ts).
    const cases = stored
      .filter((item) => item.entity === 'case')
      .map((item) => item.row as Record<string, unknown>)
      .filter((row) => String(row.caseNumber).startsWith(caseNumberPrefix));
    const caseIds = new Set(cases.map((item) => item.caseId));
    return {
      cases,
      events: stored.filter((item) => item.entity === 'event' && caseIds.has(item.caseId) && item.type === 'registered'),
      sms: stored.filter((item) => item.entity === 'outbox' && caseIds.has(item.caseId)),
    };
  }

  it('registers the same key twice as one case, one timeline and one SMS, and answers the retry as the first', async () => {
    const deps = dependencies(() => new Date('2026-12-02T02:00:00Z'));
    const input = complaint({ description: '重试的登记：同一个键只登记一次' });
    const idempotency = idempotencyFor('op-heping', 'hotline-key-0001', input);

    const first = await registerCase(deps, callerOf('op-heping'), input, idempotency);
    const retry = await registerCase(deps, callerOf('op-heping'), input, idempotency);

    expect(retry).toEqual(first);
    const { cases, events, sms } = await storedOf('210102-20261202-');
    expect(cases).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(sms).toHaveLength(1);
  });

  it('refuses the same key with a different body (422), and keeps two operators’ equal keys apart', async () => {
    const deps = dependencies(() => new Date('2026-12-03T02:00:00Z'));
    const input = complaint();
    await registerCase(deps, callerOf('op-heping'), input, idempotencyFor('op-heping', 'shared-key-0001', input));

    const other = complaint({ description: '另一通电话' });
    await expect(
      refusal(registerCase(deps, callerOf('op-heping'), other, idempotencyFor('op-heping', 'shared-key-0001', other))),
    ).resolves.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });

    // The city operator's key is theirs: the same string registers their own case.
    const city = await registerCase(
      deps,
      callerOf('op-shenyang'),
      input,
      idempotencyFor('op-shenyang', 'shared-key-0001', input),
    );
    expect((await storedOf('210102-20261203-')).cases.map((item) => item.caseId)).toHaveLength(2);
    expect(city.caseRecord.registeredBy).toMatchObject({ staffId: callerOf('op-shenyang').staffId });
  });

  it('gives a retry after a committed registration whose answer timed out the case it created, not a second one', async () => {
    const deps = dependencies(() => new Date('2026-12-04T02:00:00Z'));
    // The registration transaction commits, then the answer is lost (the function ran out of time).
    const cases = Object.create(deps.cases) as typeof deps.cases;
    cases.register = async (...args) => {
      await deps.cases.register(...args);
      throw Object.assign(new Error('Task timed out'), { name: 'TimeoutError' });
    };
    const input = complaint({ description: '超时后重试' });
    const idempotency = idempotencyFor('op-heping', 'timed-out-key-0001', input);
    await expect(registerCase({ ...deps, cases }, callerOf('op-heping'), input, idempotency)).rejects.toMatchObject({
      name: 'TimeoutError',
    });

    const retry = await registerCase(deps, callerOf('op-heping'), input, idempotency);

    const { cases: stored, sms } = await storedOf('210102-20261204-');
    expect(stored.map((item) => item.caseId)).toEqual([retry.caseRecord.caseId]);
    expect(retry.caseRecord.caseNumber).toBe('210102-20261204-0001');
    expect(retry.contact).toMatchObject({ mobile: '13812345678' });
    expect(sms).toHaveLength(1);
  });
});
