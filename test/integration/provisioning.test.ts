import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisioningRequest } from '../../shared/domain/provisioning.js';
import { ProvisioningFile } from '../../shared/schemas/provisioning.js';
import { forgetCachedDirectory } from '../../shared/store/union-repository.js';
import { registerCase } from '../../shared/usecases/cases.js';
import { claimCase } from '../../shared/usecases/dispatch.js';
import { provision } from '../../shared/usecases/provisioning.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';

/**
 * `npm run provision` against DynamoDB Local: the sample file loads, loads
 * again without a write, a bad file writes nothing, and a new year of holidays
 * moves the clocks that were counted past the old calendar.
 */
const SAMPLE = ProvisioningFile.parse(
  JSON.parse(readFileSync('docs/samples/provision-demo.json', 'utf8')),
) as ProvisioningRequest;

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable();
  forgetCachedDirectory();
});

afterAll(async () => table?.drop());

describe('provisioning a deployment', () => {
  it('loads the sample, then finds nothing to change on a second run', async () => {
    const deps = testDependencies(table);
    // The table holds the demo seed; this deployment's 沈河区 signs its own messages.
    const request = {
      ...SAMPLE,
      unions: SAMPLE.unions.map((union) => (union.code === '210103' ? { ...union, smsSignature: '沈河区总工会' } : union)),
    };
    const first = await provision(request, deps);
    expect(first.problems).toEqual([]);
    expect(first.unions).toEqual({ written: 1, unchanged: SAMPLE.unions.length - 1 });
    // The seed's calendar named no notice for its years.
    expect(first.calendar.loadedYears).toEqual([2025, 2026]);

    const second = await provision(request, deps);
    expect(second).toMatchObject({
      problems: [],
      unions: { written: 0, unchanged: SAMPLE.unions.length },
      calendar: { loadedYears: [], unchanged: 2 },
      roster: { written: 0, unchanged: SAMPLE.roster.length },
    });
    forgetCachedDirectory();
    const directory = await deps.unions.directory();
    expect(directory.get('210103')).toMatchObject({ name: '沈河区总工会', smsSignature: '沈河区总工会' });
    expect(directory.calendar.sources?.['2026']).toContain('2026年部分节假日安排');
  });

  it('writes nothing when any part of the file does not fit, and names each problem by its path', async () => {
    const deps = testDependencies(table);
    forgetCachedDirectory();
    const before = { directory: (await deps.unions.directory()).all(), roster: await deps.staff.listProvince('210000') };
    const report = await provision(
      {
        unions: [
          { code: '210199', name: '试验区总工会', parentCode: '210100', smsSignature: '试验区总工会' },
          { code: '220100', name: '长春市总工会', parentCode: '220000' },
        ],
        calendar: [{ year: 2027, source: '测试', holidays: ['2027-01-01'], adjustedWorkdays: ['2027-01-06'] }],
        roster: [{ ...SAMPLE.roster[0]!, capacity: 3, unionCode: '210188' }],
      },
      deps,
    );
    expect(report.problems).toEqual([
      { path: 'unions.1.parentCode', message: '220000 is neither in the file nor in the directory' },
      { path: 'calendar.0.adjustedWorkdays.0', message: 'a make-up working day (调休上班) is a Saturday or Sunday' },
      { path: 'roster.0.unionCode', message: '210188 is not a union in the directory' },
    ]);
    forgetCachedDirectory();
    expect((await deps.unions.directory()).all()).toEqual(before.directory);
    expect(await deps.staff.listProvince('210000')).toEqual(before.roster);
  });

  it('loading the next year recounts a mediation clock that ran past the calendar, once', async () => {
    // Thursday 2026-12-17, 10:00 China time: a wage complaint goes to 和平区's mediation pool and a mediator takes it.
    const deps = testDependencies(table, { now: () => new Date('2026-12-17T02:00:00.000Z') });
    const { caseRecord: registered } = await registerCase(
      deps,
      callerOf('op-heping'),
      complaint({ category: 'wage_arrears', regionCode: '210102' }),
    );
    await claimCase(deps, callerOf('mediator-heping'), registered.caseId);
    const mediation = (await deps.cases.get(registered.caseId))!.deadlines!.find((deadline) => deadline.clock === 'mediation')!;
    // 15 days from Dec 17 end on Jan 1, counted on a Monday–Friday week: 2027 is not loaded.
    expect(mediation).toMatchObject({ dueAt: '2027-01-01T16:00:00.000Z', beyondCalendar: true });

    // A made-up 2027 arrangement (the real notice is not in this repository): New Year Jan 1–3 off.
    const year2027 = {
      year: 2027,
      source: '测试用安排',
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      adjustedWorkdays: [],
    };
    const loaded = await provision({ unions: [], calendar: [year2027], roster: [] }, deps);
    expect(loaded.calendar.loadedYears).toEqual([2027]);
    expect(loaded.clocksRecomputed).toBeGreaterThanOrEqual(1);

    const recounted = (await deps.cases.get(registered.caseId))!.deadlines!.find((deadline) => deadline.clock === 'mediation')!;
    // The last day is a holiday: the period ends on the next working day, Monday Jan 4 (Civil Code Art. 203).
    expect(recounted.dueAt).toBe('2027-01-04T16:00:00.000Z');
    expect(recounted.beyondCalendar).toBeUndefined();
    const timeline = await deps.cases.timeline(registered.caseId);
    expect(timeline.filter((event) => event.type === 'clocks_recomputed')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          changes: expect.arrayContaining([
            { clock: 'mediation', from: '2027-01-01T16:00:00.000Z', to: '2027-01-04T16:00:00.000Z' },
          ]),
        }),
      }),
    ]);

    const again = await provision({ unions: [], calendar: [year2027], roster: [] }, deps);
    expect(again).toMatchObject({ calendar: { loadedYears: [] }, clocksRecomputed: 0 });
  });
});
