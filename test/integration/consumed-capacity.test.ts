import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureCapacity } from '../../shared/observability/consumed-capacity.js';
import { getItem } from '../../shared/store/operations.js';
import { keys } from '../../shared/store/keys.js';
import { getCase, registerCase } from '../../shared/usecases/cases.js';
import { callerOf, complaint } from '../support/fixtures.js';
import { createTestTable, testDependencies, type TestTable } from '../support/store.js';

/**
 * Issue 14, item 3: the request units each piece of work consumed, as the
 * logs of every request report them. Every data call is counted (the store's
 * client asks DynamoDB for them), reads and writes apart, and work running
 * side by side in one process (`npm start`, the tests) never mixes its tallies.
 */
let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => table?.drop());

describe('request units consumed', () => {
  it('are counted for every call, reads apart from writes', async () => {
    const deps = testDependencies(table);
    const registered = await measureCapacity(() => registerCase(deps, callerOf('op-heping'), complaint()));
    // The day's number, then one transaction writing the case, its contact, number, events and figures.
    expect(registered.units.writeUnits).toBeGreaterThan(5);
    expect(registered.units.readUnits).toBeGreaterThan(0);

    const { units: lookup } = await measureCapacity(() => getItem(table, keys.case(registered.result.caseRecord.caseId)));
    expect(lookup).toEqual({ readUnits: 0.5, writeUnits: 0 });
  });

  it('of requests running side by side are never mixed', async () => {
    const deps = testDependencies(table);
    const { caseRecord } = await registerCase(deps, callerOf('op-heping'), complaint());
    const read = () => measureCapacity(() => getItem(table, keys.case(caseRecord.caseId)));
    const alone = (await read()).units;
    const side = await Promise.all([
      ...Array.from({ length: 8 }, read),
      ...Array.from({ length: 8 }, () => measureCapacity(() => registerCase(deps, callerOf('op-heping'), complaint()))),
    ]);

    for (const { units } of side.slice(0, 8)) expect(units).toEqual(alone);
    const writes = side.slice(8).map(({ units }) => units.writeUnits);
    expect(new Set(writes).size, `write units of alike registrations: ${writes.join(', ')}`).toBe(1);
    await expect(measureCapacity(() => getCase(deps, callerOf('admin-heping'), caseRecord.caseId))).resolves.toMatchObject({
      units: { readUnits: expect.any(Number) },
    });
  });
});
