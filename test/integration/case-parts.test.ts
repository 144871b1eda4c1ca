import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/domain/cases.js';
import { chinaMonth } from '../../shared/domain/china-time.js';
import { AppError } from '../../shared/domain/errors.js';
import { recompute, unionMonthKey } from '../../shared/domain/figures.js';
import { registerCase } from '../../shared/usecases/cases.js';
import type { Dependencies } from '../../shared/usecases/dependencies.js';
import { transferCase } from '../../shared/usecases/dispatch.js';
import { logCaseCall } from '../../shared/usecases/lifecycle.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { storedFigures } from '../support/figures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';

/**
 * A case is stored as two items (the case and the part no list shows: its
 * calls, supplements, rating), each written only when it changes. These
 * tests hold the one-version guarantee across the two: a change computed from
 * an older read of either part is refused, so the figures, which are computed
 * from both, never miss a call.
 */
let table: TestTable;
let deps: ReturnType<typeof testDependencies>;

beforeAll(async () => {
  table = await createTestTable();
  deps = testDependencies(table);
});
afterAll(async () => table?.drop());

const operator = callerOf('op-shenhe');
const cityAdmin = callerOf('admin-shenyang');
const call = { direction: 'inbound' as const, note: '职工来电询问进度' };

/** The use cases as they run when the case was read before `stale` was taken and changed since. */
function readingOnly(stale: CaseRecord): Dependencies {
  const cases = Object.create(deps.cases) as typeof deps.cases;
  cases.get = async () => stale;
  return { ...deps, cases };
}

/** The cases this file registered: its table's figures count these and no others. */
const registered: string[] = [];

async function newCase(): Promise<CaseRecord> {
  const { caseRecord } = await registerCase(deps, operator, { ...complaint(), regionCode: '210103' });
  registered.push(caseRecord.caseId);
  return caseRecord;
}

/** The stored figures equal a recomputation from every case as it is stored (its two items read together). */
async function expectFiguresToMatchTheCases(): Promise<void> {
  const cases = await Promise.all(registered.map(async (caseId) => (await deps.cases.get(caseId, { consistent: true }))!));
  const month = chinaMonth(new Date(cases[0]!.registeredAt));
  for (const union of ['210103', '210102']) {
    const expected = recompute(cases).get(unionMonthKey(union, month)) ?? {};
    expect(await storedFigures(table, union, month), union).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== 0)),
    );
  }
}

describe('a case in two items keeps one version', () => {
  it('a transfer computed before a call was logged is refused, so the call is not left behind in the old union’s figures', async () => {
    const { caseId } = await newCase();
    const before = (await deps.cases.get(caseId, { consistent: true }))!;

    await logCaseCall(deps, operator, caseId, call);
    const transfer = transferCase(readingOnly(before), cityAdmin, caseId, { toUnion: '210102', reason: '用工地在和平区' });

    await expect(transfer).rejects.toMatchObject({ code: 'CONFLICT' } satisfies Partial<AppError>);
    const now = (await deps.cases.get(caseId, { consistent: true }))!;
    expect(now.hotlineCalls).toBeDefined();
    expect(now.version).toBe(before.version + 1);
    await expectFiguresToMatchTheCases();
  });

  it('a call logged on a read from before a transfer is refused, and the transfer stands', async () => {
    const { caseId } = await newCase();
    const before = (await deps.cases.get(caseId, { consistent: true }))!;

    await transferCase(deps, cityAdmin, caseId, { toUnion: '210102', reason: '用工地在和平区' });
    const logged = logCaseCall(readingOnly(before), operator, caseId, call);

    await expect(logged).rejects.toMatchObject({ code: 'CONFLICT' } satisfies Partial<AppError>);
    const now = (await deps.cases.get(caseId, { consistent: true }))!;
    expect(now.transfer?.toUnion).toBe('210102');
    expect(now.hotlineCalls).toBeUndefined();
    await expectFiguresToMatchTheCases();
  });

  it('a call, then a transfer on a fresh read: both saved, the case read whole, the version moved twice', async () => {
    const { caseId } = await newCase();
    const before = (await deps.cases.get(caseId, { consistent: true }))!;

    await logCaseCall(deps, operator, caseId, call);
    await transferCase(deps, cityAdmin, caseId, { toUnion: '210102', reason: '用工地在和平区' });

    const now = (await deps.cases.get(caseId, { consistent: true }))!;
    expect(Object.values(now.hotlineCalls ?? {})).toEqual([{ inbound: 1 }]);
    expect(now.transfer?.toUnion).toBe('210102');
    expect(now.version).toBe(before.version + 2);
    await expectFiguresToMatchTheCases();
  });
});
