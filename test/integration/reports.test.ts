import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNIONS } from '../../scripts/local/demo-data.js';
import type { CaseRecord } from '../../shared/domain/cases.js';
import { chinaDate, chinaMonth } from '../../shared/domain/china-time.js';
import { CASE_ACTIONS } from '../../shared/domain/lifecycle.js';
import { AppError } from '../../shared/domain/errors.js';
import { contributionsOf, differenceOf, sumFigures, type Figures } from '../../shared/domain/figures.js';
import { completeFigures, reportMonths } from '../../shared/domain/monthly-report.js';
import type { Caller } from '../../shared/domain/roles.js';
import { UnionDirectory } from '../../shared/domain/unions.js';
import { CATEGORIES, MONEY_KINDS, OUTCOMES, keysOf, type MoneyKind } from '../../shared/domain/vocabulary.js';
import { toXlsx } from '../../shared/reports/export.js';
import { measureCapacity } from '../../shared/observability/consumed-capacity.js';
import { FIGURE_SHARDS, figureShardOf, keys } from '../../shared/store/keys.js';
import { ReportRepository } from '../../shared/store/report-repository.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { registerCase } from '../../shared/usecases/cases.js';
import { answerTransfer, assignCase, transferCase } from '../../shared/usecases/dispatch.js';
import {
  addCaseWork,
  closeCaseWithOutcome,
  followUpCase,
  logCaseCall,
  reopenClosedCase,
} from '../../shared/usecases/lifecycle.js';
import { putRosterEntry } from '../../shared/usecases/roster.js';
import type { ReportDependencies } from '../../shared/usecases/report-dependencies.js';
import { fileMonthlyReport, monthlyReport, reconcile } from '../../shared/usecases/reports.js';
import { sweep } from '../../shared/usecases/sweeper.js';
import { countByHand } from '../support/figures-by-hand.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { applyThenAnswer500Once } from '../support/fault-injection.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';
import { statusOf } from '../../shared/http/error-status.js';
import { answerTo, refusal } from '../support/refusal.js';

/**
 * Monthly reports against DynamoDB Local: the counters the case transactions
 * maintain must agree with the cases (reconciliation finds no drift) and the
 * report's roll-ups must equal a recomputation from the cases, for every
 * union and ancestor, whatever sequence of registrations, transfers,
 * closures, call-backs, reopenings and sweeps produced them.
 */

const directory = new UnionDirectory(DEMO_UNIONS);
const DAY = 24 * 60 * 60 * 1000;
const provinceOperator: Caller = { staffId: 'op-liaoning', username: 'op-liaoning', roles: ['operator'], unionCode: '210000' };
const provinceAdmin = callerOf('admin-liaoning');
const cityAdmin = callerOf('admin-shenyang');

type Deps = ReturnType<typeof testDependencies> & ReportDependencies;

function reportDeps(table: TestTable, clock: { now: number }): Deps {
  return { ...testDependencies(table, { now: () => new Date(clock.now) }), reports: new ReportRepository(table) };
}

/** Regions whose responsible unions are districts (210102…), the city itself (210122 has no district union) and another city. */
const REGIONS = ['210102', '210103', '210104', '210106', '210122', '210700'];
const TARGETS = ['210102', '210103', '210100', '210700', '210000'];

type Step =
  | {
      type: 'register';
      region: string;
      category: keyof typeof CATEGORIES;
      consultation: boolean;
      answered: boolean;
      workers: number;
      migrant: boolean;
      amount: number;
      legalAid: boolean;
    }
  | { type: 'assign'; pick: number }
  | { type: 'call'; pick: number; direction: 'inbound' | 'outbound' }
  | { type: 'pay'; pick: number; kind: MoneyKind; amount: number }
  | { type: 'transfer'; pick: number; to: string }
  | { type: 'answer'; pick: number; accept: boolean }
  | {
      type: 'close';
      pick: number;
      outcome: keyof typeof OUTCOMES;
      recovered: number;
      byKind?: Partial<Record<MoneyKind, number>>;
      agreed?: number;
    }
  | { type: 'followUp'; pick: number; reached: boolean; satisfaction: number }
  | { type: 'reopen'; pick: number }
  /** Work: file for arbitration on a date, or, once filed, correct the filing date (a correction of a recorded date). */
  | { type: 'correct'; pick: number; daysBack: number }
  | { type: 'sweep' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('register' as const),
      region: fc.constantFrom(...REGIONS),
      category: fc.constantFrom(...keysOf(CATEGORIES)),
      consultation: fc.boolean(),
      answered: fc.boolean(),
      workers: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 30 })),
      migrant: fc.boolean(),
      amount: fc.integer({ min: 0, max: 5_000_000 }),
      legalAid: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('assign' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('call' as const),
      pick: fc.nat(),
      direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      pick: fc.nat(),
      kind: fc.constantFrom(...keysOf(MONEY_KINDS)),
      amount: fc.integer({ min: 1, max: 2_000_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('transfer' as const), pick: fc.nat(), to: fc.constantFrom(...TARGETS) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('answer' as const), pick: fc.nat(), accept: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('close' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom(...keysOf(OUTCOMES)),
      recovered: fc.integer({ min: 0, max: 5_000_000 }),
      byKind: fc.option(
        fc.record(
          { wages: fc.integer({ min: 0, max: 5_000_000 }), injury_compensation: fc.integer({ min: 0, max: 5_000_000 }) },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      agreed: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('followUp' as const),
      pick: fc.nat(),
      reached: fc.boolean(),
      satisfaction: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reopen' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('correct' as const), pick: fc.nat(), daysBack: fc.integer({ min: 0, max: 20 }) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('sweep' as const) }) },
);

/** Statuses each step can start from, so random picks land on cases it applies to. */
const FROM: Record<Exclude<Step['type'], 'register' | 'sweep'>, readonly string[]> = {
  assign: CASE_ACTIONS.assign.from,
  call: CASE_ACTIONS.log_call.from,
  pay: CASE_ACTIONS.record_work.from,
  transfer: ['registered', 'triaged', 'in_pool'],
  answer: ['transfer_pending'],
  close: ['triaged', 'in_pool', 'claimed', 'in_progress', 'in_mediation'],
  followUp: ['closed'],
  reopen: ['closed', 'followed_up'],
  correct: ['triaged', 'in_pool', 'claimed', 'in_progress', 'in_mediation'],
};

const WORKED: readonly string[] = ['claimed', 'in_progress', 'in_mediation'];

/** A province lawyer the legal department assigns cases to, so random histories include recorded work and its corrections. */
async function rosterLawyer(deps: Deps): Promise<string> {
  const staffId = 'lawyer-province-random';
  await putRosterEntry(deps, provinceAdmin, staffId, {
    displayName: '省总志愿律师',
    role: 'lawyer',
    unionCode: '210000',
    categories: keysOf(CATEGORIES),
    capacity: 1000,
    dutyWeekdays: [1, 2, 3, 4, 5, 6, 7],
    dutyDates: [],
    conflicts: [],
    active: true,
  });
  return staffId;
}

/** Files for arbitration on the case (assigning it first if nobody works it), or corrects the filing date once filed. */
async function fileOrCorrect(deps: Deps, caseRecord: CaseRecord, lawyer: string, filedOn: string): Promise<CaseRecord> {
  const worked = WORKED.includes(caseRecord.status)
    ? caseRecord
    : await assignCase(deps, provinceAdmin, caseRecord.caseId, { staffId: lawyer });
  if (!worked.arbitration) {
    return addCaseWork(deps, provinceAdmin, worked.caseId, {
      type: 'arbitration_filed',
      filedOn,
      commission: '沈阳市劳动人事争议仲裁委员会',
    });
  }
  const filing = (await deps.cases.timeline(worked.caseId)).find((entry) => entry.type === 'arbitration_filed')!;
  return addCaseWork(deps, provinceAdmin, worked.caseId, {
    type: 'correction',
    correctsEventId: filing.eventId,
    field: 'filedOn',
    value: filedOn,
    text: '更正申请日期',
  });
}

async function play(deps: Deps, clock: { now: number }, steps: readonly (readonly [Step, number])[]): Promise<string[]> {
  const caseIds: string[] = [];
  const latest = new Map<string, CaseRecord>();
  const lawyer = await rosterLawyer(deps);
  for (const [current, wait] of steps) {
    clock.now += wait;
    try {
      if (current.type === 'register') {
        const { caseRecord } = await registerCase(
          deps,
          provinceOperator,
          complaint({
            kind: current.consultation ? 'consultation' : current.legalAid ? 'legal_aid_application' : 'complaint',
            category: current.category,
            regionCode: current.region,
            workersInvolved: current.workers,
            amountClaimedFen: current.amount,
            occurredOn: '2025-12-20',
            complainant: {
              name: '张伟',
              mobile: '13812345678',
              migrantWorker: current.migrant,
              modelWorker: false,
              womanWorker: false,
            },
            ...(current.consultation && current.answered ? { answeredOnCall: { advice: '当场解答' } } : {}),
          }),
        );
        caseIds.push(caseRecord.caseId);
        latest.set(caseRecord.caseId, caseRecord);
        continue;
      }
      if (current.type === 'sweep') {
        await sweep(deps);
        for (const caseId of caseIds) latest.set(caseId, (await deps.cases.get(caseId))!);
        continue;
      }
      const candidates = caseIds.filter((caseId) => FROM[current.type].includes(latest.get(caseId)!.status));
      if (candidates.length === 0) continue;
      const caseId = candidates[current.pick % candidates.length]!;
      let next: CaseRecord;
      switch (current.type) {
        case 'transfer':
          next = await transferCase(deps, provinceAdmin, caseId, { toUnion: current.to, reason: '转交办理' });
          break;
        case 'answer':
          next = await answerTransfer(
            deps,
            provinceAdmin,
            caseId,
            current.accept ? { accept: true } : { accept: false, reason: '不属本会' },
          );
          break;
        case 'assign':
          next = await assignCase(deps, provinceAdmin, caseId, { staffId: lawyer });
          break;
        case 'call':
          next = await logCaseCall(deps, provinceOperator, caseId, { direction: current.direction, note: '询问进度' });
          break;
        case 'pay':
          next = await addCaseWork(deps, provinceAdmin, caseId, {
            type: 'payment_received',
            receivedOn: chinaDate(new Date(clock.now)),
            kind: current.kind,
            amountFen: current.amount,
          });
          break;
        case 'close':
          next = await closeCaseWithOutcome(deps, provinceAdmin, caseId, {
            outcome: current.outcome,
            summary: '办结',
            // Newer clients give the totals by kind, older ones one total.
            ...(current.byKind ? { amountsRecoveredFen: current.byKind } : { amountRecoveredFen: current.recovered }),
            ...(current.agreed !== undefined ? { amountAgreedFen: current.agreed } : {}),
          });
          break;
        case 'followUp':
          next = await followUpCase(
            deps,
            provinceOperator,
            caseId,
            current.reached ? { reached: true, satisfaction: current.satisfaction } : { reached: false },
          );
          break;
        case 'reopen':
          next = await reopenClosedCase(deps, provinceAdmin, caseId, '复查');
          break;
        case 'correct':
          next = await fileOrCorrect(deps, latest.get(caseId)!, lawyer, chinaDate(new Date(clock.now - current.daysBack * DAY)));
          break;
      }
      latest.set(caseId, next);
    } catch (error) {
      // A step the case's state does not allow (e.g. transfer to its own union) changes nothing.
      if (!(error instanceof AppError) || statusOf(error) >= 500) throw error;
    }
  }
  return caseIds;
}

/** What the cases of `unionCodes` add up to in `month`, counted by hand from the case records. */
function direct(cases: readonly CaseRecord[], unionCodes: readonly string[], month: string): Figures {
  const inside = cases.filter((caseRecord) => unionCodes.includes(caseRecord.unionCode));
  return sumFigures([...countByHand(inside)].filter(([key]) => key.endsWith(`#${month}`)).map(([, figures]) => figures));
}

describe('random case histories against DynamoDB Local', () => {
  it('reconcile finds no drift, and every union’s and ancestor’s report equals a recomputation from the cases', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 5 * DAY })), { minLength: 5, maxLength: 25, size: 'max' }),
        async (steps) => {
          const table = await createTestTable();
          try {
            forgetCachedDirectory();
            const clock = { now: Date.parse('2026-01-05T02:00:00.000Z') };
            const deps = reportDeps(table, clock);
            const caseIds = await play(deps, clock, steps);
            const cases = await Promise.all(caseIds.map(async (caseId) => (await deps.cases.get(caseId))!));
            const months = reportMonths('2026-01', chinaMonth(new Date(clock.now)), new Date(clock.now));

            for (const month of months) {
              const report = await reconcile(deps, { union: '210000', month });
              expect(report.drift).toEqual([]);
              expect(report.unionsChecked).toBe(directory.subtreeOf('210000').length);
              // The cases active in the month (plus any whose part in it was undone, e.g. a reopened closure).
              const active = cases.filter((caseRecord) => contributionsOf(caseRecord).some((entry) => entry.month === month));
              expect(report.casesRead).toBeGreaterThanOrEqual(active.length);
              expect(report.casesRead).toBeLessThanOrEqual(cases.length);
            }

            for (const union of directory.subtreeOf('210000')) {
              const report = await monthlyReport(deps, provinceAdmin, { union, month: months[0]!, to: months.at(-1)! });
              expect(report.months.map((entry) => entry.month)).toEqual(months);
              for (const entry of report.months) {
                const where = `${union} ${entry.month}`;
                expect(entry.own.figures, where).toEqual(completeFigures(direct(cases, [union], entry.month)));
                expect(entry.subtree.figures, where).toEqual(
                  completeFigures(direct(cases, directory.subtreeOf(union), entry.month)),
                );
                expect(entry.children.map((child) => child.unionCode)).toEqual(
                  directory.childrenOf(union).map((child) => child.code),
                );
                for (const child of entry.children) {
                  expect(child.figures, `${where} child ${child.unionCode}`).toEqual(
                    completeFigures(direct(cases, directory.subtreeOf(child.unionCode), entry.month)),
                  );
                }
              }
            }
          } finally {
            await table.drop();
          }
        },
      ),
      { numRuns: 5 },
    );
  }, 300_000);
});

describe('a union’s monthly report', () => {
  let table: TestTable;
  const clock = { now: Date.parse('2026-03-10T02:00:00.000Z') };
  let deps: Deps;

  beforeAll(async () => {
    table = await createTestTable();
    forgetCachedDirectory();
    deps = reportDeps(table, clock);
  });
  afterAll(async () => table.drop());

  const register = (region: string, overrides: Parameters<typeof complaint>[0] = {}) =>
    registerCase(deps, provinceOperator, complaint({ regionCode: region, occurredOn: '2026-01-10', ...overrides })).then(
      (registered) => registered.caseRecord,
    );

  it('keeps a filing, then shows a later change as the exact difference, and files the correction as the next revision', async () => {
    clock.now = Date.parse('2026-03-10T02:00:00.000Z');
    const kept = await register('210102');
    const corrected = await register('210103', { amountClaimedFen: 1_000_000 });
    clock.now += 60 * 60 * 1000;
    await closeCaseWithOutcome(deps, cityAdmin, kept.caseId, {
      outcome: 'mediated_agreement',
      summary: '调解成功',
      amountRecoveredFen: 800_000,
    });
    await closeCaseWithOutcome(deps, cityAdmin, corrected.caseId, { outcome: 'withdrawn', summary: '撤回' });

    clock.now = Date.parse('2026-04-02T02:00:00.000Z');
    await expect(refusal(fileMonthlyReport(deps, cityAdmin, '210100', '2026-04'))).resolves.toMatchObject({ status: 422 });
    const first = await fileMonthlyReport(deps, cityAdmin, '210100', '2026-03');
    expect(first).toMatchObject({ revision: 1, filedBy: cityAdmin.staffId, union: { code: '210100', name: '沈阳市总工会' } });
    expect(first.previous).toBeUndefined();
    expect(first.figures).toMatchObject({ opened: 2, closed: 2, 'outcome.withdrawn': 1, amountRecoveredFen: 800_000 });

    // In April the legal department reopens the withdrawn case: March's figures stay as filed; April counts the reopening.
    await reopenClosedCase(deps, cityAdmin, corrected.caseId, '职工撤回后再次求助');
    const unchanged = (await monthlyReport(deps, cityAdmin, { month: '2026-03' })).months[0]!;
    expect(unchanged.subtree.figures).toEqual(first.figures);
    expect(unchanged.filing).toEqual({ filed: expect.objectContaining({ revision: 1 }), difference: {} });
    const april = (await monthlyReport(deps, cityAdmin, { month: '2026-04' })).months[0]!;
    expect(april.subtree.figures).toMatchObject({ reopened: 1, closed: 0, opened: 0 });

    // The reopened case then turns out to be Jinzhou's: the transfer takes its March figures out of Shenyang's, and
    // the filed report shows that as the exact difference.
    await transferCase(deps, provinceAdmin, corrected.caseId, { toUnion: '210700', reason: '用工地在锦州' });
    await answerTransfer(deps, provinceAdmin, corrected.caseId, { accept: true });
    const march = (await monthlyReport(deps, cityAdmin, { month: '2026-03' })).months[0]!;
    expect(march.filing.filed).toMatchObject({ revision: 1, filedBy: cityAdmin.staffId, figures: first.figures });
    expect(march.filing.difference).toMatchObject({
      opened: -1,
      closed: -1,
      'outcome.withdrawn': -1,
      amountClaimedFen: -1_000_000,
    });
    expect(march.filing.difference).toEqual(differenceOf(march.subtree.figures, first.figures));

    const second = await fileMonthlyReport(deps, cityAdmin, '210100', '2026-03');
    expect(second).toMatchObject({ revision: 2, previous: { revision: 1 }, difference: march.filing.difference });
    const after = (await monthlyReport(deps, cityAdmin, { month: '2026-03' })).months[0]!;
    expect(after.filing).toEqual({ filed: expect.objectContaining({ revision: 2 }), difference: {} });
    // The district's own report knows nothing of the city's filing.
    const district = await monthlyReport(deps, callerOf('admin-heping'), { month: '2026-03' });
    expect(district.months[0]!.filing).toEqual({});
  });

  it('reports money by kind, amounts agreed and exempt legal-aid applications, rolled up, in JSON and XLSX', async () => {
    clock.now = Date.parse('2026-05-11T02:00:00.000Z');
    const migrant = { name: '张伟', mobile: '13812345678', migrantWorker: true, modelWorker: false, womanWorker: false };
    const wages = await register('210102', { category: 'wage_arrears', complainant: migrant });
    // Art. 42 (3) fits: suggested at intake. The second applicant's hardship was assessed.
    const exempt = await register('210103', { kind: 'legal_aid_application', category: 'wage_arrears', complainant: migrant });
    await register('210103', {
      kind: 'legal_aid_application',
      category: 'labour_contract',
      legalAidEligibility: { basis: 'assessed', eligible: true },
    });
    expect(exempt.legalAidEligibility).toEqual({ basis: 'exempt', ground: 'migrant_worker_pay_or_injury', suggested: true });
    clock.now += 60 * 60 * 1000;
    await closeCaseWithOutcome(deps, cityAdmin, wages.caseId, {
      outcome: 'mediated_agreement',
      summary: '调解成功',
      amountsRecoveredFen: { wages: 2_000_000, economic_compensation: 500_000 },
      amountAgreedFen: 3_000_000,
    });
    // An older client's single total: a wage-arrears case's money is wages.
    await closeCaseWithOutcome(deps, cityAdmin, exempt.caseId, {
      outcome: 'mediated_agreement',
      summary: '调解成功',
      amountRecoveredFen: 1_000_000,
    });

    clock.now = Date.parse('2026-05-20T02:00:00.000Z');
    const report = await monthlyReport(deps, cityAdmin, { month: '2026-05' });
    const may = report.months[0]!;
    const moneyOf = (figures: Figures) => ({
      amountRecoveredFen: figures.amountRecoveredFen,
      'recoveredFen.wages': figures['recoveredFen.wages'],
      'recoveredFen.injury_compensation': figures['recoveredFen.injury_compensation'],
      'recoveredFen.economic_compensation': figures['recoveredFen.economic_compensation'],
      amountAgreedFen: figures.amountAgreedFen,
      legalAidExempt: figures.legalAidExempt,
      'kind.legal_aid_application': figures['kind.legal_aid_application'],
    });
    expect(moneyOf(may.subtree.figures)).toEqual({
      amountRecoveredFen: 3_500_000,
      'recoveredFen.wages': 3_000_000,
      'recoveredFen.injury_compensation': 0,
      'recoveredFen.economic_compensation': 500_000,
      amountAgreedFen: 3_000_000,
      legalAidExempt: 1,
      'kind.legal_aid_application': 2,
    });
    const child = (code: string) => may.children.find((entry) => entry.unionCode === code)!.figures;
    expect(moneyOf(child('210102'))).toMatchObject({
      'recoveredFen.wages': 2_000_000,
      amountAgreedFen: 3_000_000,
      legalAidExempt: 0,
    });
    expect(moneyOf(child('210103'))).toMatchObject({ 'recoveredFen.wages': 1_000_000, amountAgreedFen: 0, legalAidExempt: 1 });
    expect((await reconcile(deps, { union: '210100', month: '2026-05' })).drift).toEqual([]);

    // The XLSX export holds the same figures under Chinese headers.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(report)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('合计')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header) + 1).value;
    expect({
      wages: cell('挽回金额（分）：追回欠薪'),
      injury: cell('挽回金额（分）：工伤赔偿'),
      economic: cell('挽回金额（分）：经济补偿金'),
      recovered: cell('挽回金额（分）'),
      agreed: cell('协议金额（分）'),
      exempt: cell('法律援助免予经济困难审查'),
      reopened: cell('重新办理'),
    }).toEqual({
      wages: 3_000_000,
      injury: 0,
      economic: 500_000,
      recovered: 3_500_000,
      agreed: 3_000_000,
      exempt: 1,
      reopened: 0,
    });
  });

  it('gives two simultaneous filings distinct revisions: the losers get 409, nothing is overwritten', async () => {
    clock.now = Date.parse('2026-04-03T02:00:00.000Z');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => fileMonthlyReport(deps, cityAdmin, '210100', '2026-02')),
    );
    const filed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.revision] : []));
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(filed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(filed).size).toBe(filed.length);
    for (const reason of refused) expect(answerTo(reason)).toMatchObject({ status: 409, code: 'CONFLICT' });
    const latest = await deps.reports.latestFiling('210100', '2026-02');
    expect(latest?.revision).toBe(Math.max(...filed));
  });

  it('files once when DynamoDB applied the filing but answered 500: the retry is not told someone else filed', async () => {
    clock.now = Date.parse('2026-04-04T02:00:00.000Z');
    const before = await deps.reports.latestFiling('210100', '2026-01', { consistent: true });
    const fired = applyThenAnswer500Once(
      table.client,
      (command, input) => command === 'PutItemCommand' && String(input.Item?.SK?.S).startsWith('FILED#2026-01#'),
    );
    try {
      const filed = await fileMonthlyReport(deps, cityAdmin, '210100', '2026-01');
      expect(filed.revision).toBe((before?.revision ?? 0) + 1);
    } finally {
      expect(fired()).toBe(true);
    }
    expect((await deps.reports.latestFiling('210100', '2026-01', { consistent: true }))?.revision).toBe(
      (before?.revision ?? 0) + 1,
    );
  });

  it('answers 404 for a union above, beside or unknown, exactly alike; 403 for another role', async () => {
    const district = callerOf('admin-heping');
    const refusals = await Promise.all(
      ['210100', '210103', '210199', '510000'].map((union) =>
        monthlyReport(deps, district, { union, month: '2026-03' }).then(
          () => undefined,
          (error: AppError) => error,
        ),
      ),
    );
    for (const refusal of refusals) expect(answerTo(refusal)).toMatchObject({ status: 404, message: refusals[0]?.message });
    await expect(refusal(fileMonthlyReport(deps, district, '210103', '2026-03'))).resolves.toMatchObject({ status: 404 });
    await expect(refusal(monthlyReport(deps, callerOf('op-heping'), { month: '2026-03' }))).resolves.toMatchObject({
      status: 403,
    });
    const own = await monthlyReport(deps, district, { union: '210102', month: '2026-03' });
    expect(own.months[0]!.children).toEqual([]);
  });

  it('refuses more than 12 months, a range backwards and future months with field paths', async () => {
    clock.now = Date.parse('2026-04-03T02:00:00.000Z');
    const refusal = (month: string, to?: string) =>
      monthlyReport(deps, cityAdmin, { month, ...(to ? { to } : {}) }).catch((error: AppError) => error);
    expect(answerTo(await refusal('2025-01', '2026-03'))).toMatchObject({ status: 400, details: [{ path: 'to' }] });
    expect(answerTo(await refusal('2026-03', '2026-02'))).toMatchObject({ status: 400, details: [{ path: 'to' }] });
    expect(answerTo(await refusal('2026-05'))).toMatchObject({ status: 400, details: [{ path: 'month' }] });
    expect((await monthlyReport(deps, cityAdmin, { month: '2025-05', to: '2026-04' })).months).toHaveLength(12);
  });

  it('costs the same request units however many cases the month holds: it reads counters, never cases', async () => {
    clock.now = Date.parse('2026-04-10T02:00:00.000Z');
    const unitsOfReport = async () => {
      const { units } = await measureCapacity(() => monthlyReport(deps, cityAdmin, { month: '2026-04' }));
      expect(units.writeUnits).toBe(0);
      return units.readUnits;
    };
    // Register until each district's month has a case in every counter shard (DynamoDB Local, unlike DynamoDB,
    // charges nothing for a missing item, so only then is the set of items a report reads complete).
    const shardsSeen = new Map([
      ['210102', new Set<number>()],
      ['210104', new Set<number>()],
    ]);
    while ([...shardsSeen.values()].some((shards) => shards.size < FIGURE_SHARDS)) {
      for (const [union, shards] of shardsSeen) shards.add(figureShardOf((await register(union)).caseId));
    }
    const few = await unitsOfReport();
    await Promise.all(Array.from({ length: 40 }, (_, i) => register(i % 2 ? '210104' : '210102')));
    const many = await unitsOfReport();
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    // Sixty-odd registrations: on a loaded two-core machine (CI beside another run) they outlast the default 30 s.
  }, 120_000);

  it('reconcile reports a counter written outside the case transactions, figure by figure', async () => {
    const before = await reconcile(deps, { union: '210100', month: '2026-03' });
    expect(before.drift).toEqual([]);
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.monthlyFigures('210102', '2026-03', 0),
        UpdateExpression: 'ADD #opened :one',
        ExpressionAttributeNames: { '#opened': 'opened' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    const after = await reconcile(deps, { union: '210100', month: '2026-03' });
    expect(after).toMatchObject({ union: '210100', month: '2026-03', casesRead: 2, unionsChecked: 14 });
    expect(after.drift).toEqual([{ unionCode: '210102', figure: 'opened', counted: 2, recomputed: 1 }]);
  });
});

describe('reconciling one month (issue 12, defect 9)', () => {
  let table: TestTable;
  const clock = { now: 0 };
  let deps: Deps;

  beforeAll(async () => {
    table = await createTestTable();
    forgetCachedDirectory();
    deps = reportDeps(table, clock);
  });
  afterAll(async () => table.drop());

  const at = (instant: string) => {
    clock.now = Date.parse(instant);
  };
  const register = (overrides: Parameters<typeof complaint>[0] = {}) =>
    registerCase(deps, provinceOperator, complaint({ regionCode: '210102', occurredOn: '2026-07-01', ...overrides })).then(
      (registered) => registered.caseRecord,
    );

  it('reads exactly the cases active in the month, wherever they were registered, and finds no drift', async () => {
    // August: a case that does nothing in October.
    at('2026-08-10T02:00:00Z');
    const august = await register();
    // 30 September, 23:30 China time: its 2-hour first response falls due on 1 October, and is missed.
    at('2026-09-30T15:30:00Z');
    const september = await register();
    at('2026-10-02T02:00:00Z');
    await sweep(deps);
    // Registered in October, closed in November, reopened, closed again and called back in December.
    at('2026-10-10T02:00:00Z');
    const october = await register();
    at('2026-11-05T02:00:00Z');
    await closeCaseWithOutcome(deps, cityAdmin, october.caseId, { outcome: 'withdrawn', summary: '撤回' });
    // A letter received on 20 October, registered only in November: late in October, counted there.
    at('2026-11-06T02:00:00Z');
    const letter = await register({ channel: 'letter', receivedAt: '2026-10-20T02:00:00Z' });
    await sweep(deps);
    at('2026-12-01T02:00:00Z');
    await reopenClosedCase(deps, cityAdmin, october.caseId, '职工再次求助');
    at('2026-12-02T02:00:00Z');
    await closeCaseWithOutcome(deps, cityAdmin, october.caseId, { outcome: 'mediated_agreement', summary: '调解成功' });
    at('2026-12-03T02:00:00Z');
    await followUpCase(deps, provinceOperator, october.caseId, { reached: true, satisfaction: 5 });

    const counted = await deps.reports.figures(['210102'], ['2026-10']);
    expect(counted.get('210102#2026-10')).toMatchObject({ opened: 1, overdue: 3 });

    const octoberReport = await reconcile(deps, { union: '210102', month: '2026-10' });
    expect(octoberReport.drift).toEqual([]);
    // The September case (late in October), the October case and the letter (late in October); not August's.
    expect(octoberReport.casesRead).toBe(3);
    expect([september, october, letter, august].map((caseRecord) => caseRecord.unionCode)).toEqual(Array(4).fill('210102'));
    for (const month of ['2026-08', '2026-09', '2026-11', '2026-12']) {
      expect((await reconcile(deps, { union: '210100', month })).drift, month).toEqual([]);
    }
  });
});
