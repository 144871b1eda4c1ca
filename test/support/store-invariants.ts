import type { CaseRecord } from '../../shared/domain/cases.js';
import { recompute, unionMonthKey } from '../../shared/domain/figures.js';
import { caseFieldsOf } from '../../shared/store/case-item.js';

type Item = Record<string, unknown>;

/** Statuses in which a case counts against its owner's capacity. */
const FINISHED_STATUSES = new Set(['closed', 'followed_up']);

/**
 * What must hold of a table whatever happened to the requests that wrote it
 * (faults, timeouts, a database killed): each line returned is a broken
 * invariant, so a test expects `[]` and a failure names what broke.
 *
 * - every case is whole: case item, contact, case-number reservation pointing
 *   to it, a `registered` event and its acknowledgement in the outbox; no item
 *   of a case exists without the case (never a partial registration);
 * - a case's status agrees with its timeline (claimed ⇒ an owner and a
 *   `claimed`/`assigned` event; closed ⇒ a `closed` event unless answered on the call);
 * - the monthly figure shards add up to the figures recomputed from the cases;
 * - every roster entry's activeCases is the number of open cases it owns.
 */
export function brokenInvariants(items: readonly Item[]): string[] {
  const broken: string[] = [];
  const byCase = new Map<string, Item[]>();
  for (const item of items) {
    const pk = item.PK as string;
    if (!pk.startsWith('CASE#')) continue;
    const caseId = pk.slice('CASE#'.length);
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), item]);
  }
  const cases = new Map<string, CaseRecord>();
  for (const [caseId, caseItems] of byCase) {
    const caseItem = caseItems.find((item) => item.SK === 'CASE');
    if (!caseItem) {
      broken.push(`case ${caseId}: ${caseItems.length} items (${sortKinds(caseItems)}) but no case item`);
      continue;
    }
    const record = caseFieldsOf(caseItem);
    cases.set(caseId, record);
    const events = caseItems.filter((item) => (item.SK as string).startsWith('EVENT#'));
    const eventTypes = new Set(events.map((event) => event.type as string));
    const missing = [
      caseItems.some((item) => item.SK === 'CONTACT') ? undefined : 'contact',
      eventTypes.has('registered') ? undefined : 'registered event',
      caseItems.some((item) => (item.SK as string).startsWith('OUTBOX#')) ? undefined : 'outbox message',
    ].filter(Boolean);
    if (missing.length > 0) broken.push(`case ${record.caseNumber}: missing ${missing.join(', ')}`);
    const reservation = items.find((item) => item.PK === `CASENO#${record.caseNumber}`);
    if (reservation?.caseId !== caseId) broken.push(`case ${record.caseNumber}: its number is not reserved for it`);
    if (record.status === 'claimed' && (!record.owner || !(eventTypes.has('claimed') || eventTypes.has('assigned'))))
      broken.push(`case ${record.caseNumber}: claimed without an owner or a claimed/assigned event`);
    if (record.status === 'closed' && !eventTypes.has('closed') && !eventTypes.has('answered_on_call'))
      broken.push(`case ${record.caseNumber}: closed without a closed event`);
  }
  for (const item of items) {
    if (item.entity === 'caseNumber' && !cases.has(item.caseId as string))
      broken.push(`case number ${(item.PK as string).slice('CASENO#'.length)} reserved for a case that does not exist`);
  }

  const storedFigures = new Map<string, Record<string, number>>();
  for (const item of items) {
    const match = /^FIGURES#(\d{4}-\d{2})#/.exec(item.SK as string);
    if (!match || !(item.PK as string).startsWith('UNION#')) continue;
    const key = unionMonthKey((item.PK as string).slice('UNION#'.length), match[1]!);
    const row = storedFigures.get(key) ?? {};
    for (const [name, value] of Object.entries(item))
      if (typeof value === 'number' && !['PK', 'SK'].includes(name)) row[name] = (row[name] ?? 0) + value;
    storedFigures.set(key, row);
  }
  const recomputed = recompute(cases.values());
  for (const key of new Set([...storedFigures.keys(), ...recomputed.keys()])) {
    const stored = nonZero(storedFigures.get(key));
    const expected = nonZero(recomputed.get(key));
    if (JSON.stringify(stored) !== JSON.stringify(expected))
      broken.push(`figures ${key}: stored ${JSON.stringify(stored)}, recomputed ${JSON.stringify(expected)}`);
  }

  for (const entry of items.filter((item) => (item.PK as string).startsWith('ROSTER#'))) {
    const open = [...cases.values()].filter(
      (record) => record.owner?.staffId === entry.staffId && !FINISHED_STATUSES.has(record.status),
    ).length;
    if (entry.activeCases !== open)
      broken.push(`staff ${entry.staffId as string}: activeCases ${entry.activeCases as number}, owns ${open} open cases`);
  }
  return broken;
}

/** The cases in the table, by case number. */
export function casesByNumber(items: readonly Item[]): Map<string, CaseRecord> {
  return new Map(
    items
      .filter((item) => item.SK === 'CASE' && (item.PK as string).startsWith('CASE#'))
      .map((item) => caseFieldsOf(item))
      .map((record) => [record.caseNumber, record]),
  );
}

const nonZero = (row: Record<string, number> | undefined) =>
  Object.fromEntries(
    Object.entries(row ?? {})
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

const sortKinds = (items: readonly Item[]) => [...new Set(items.map((item) => (item.SK as string).split('#')[0]))].join(', ');
