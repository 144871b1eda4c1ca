import type { CaseRecord } from '../domain/cases.js';
import { currentClock } from '../domain/deadlines.js';
import { CASE_ROW_FIELDS, type CaseRow } from '../domain/records.js';
import { withoutStorageAttributes } from './operations.js';

/*
 * A case item keeps the fields a case row shows (CASE_ROW_FIELDS) together in
 * one map, `row`, which is all that the list, pool and transfer indexes
 * project (see CASE_ROW_PROJECTION); the case's other fields are at the top
 * level.
 */

/**
 * A case's fields as the case item stores them: what rows show in `row`,
 * with the clock that matters now (derived from the deadlines, for lists to
 * show and sort by), and the rest as they are.
 */
export function caseItemFields(fields: Pick<CaseRecord, 'deadlines'>): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...fields };
  const row: Record<string, unknown> = {};
  for (const field of CASE_ROW_FIELDS) {
    if (rest[field] !== undefined) row[field] = rest[field];
    delete rest[field];
  }
  const clock = currentClock(fields.deadlines);
  if (clock) row.currentClock = clock;
  return { ...rest, row };
}

/**
 * The case a case item holds, its row's fields back at the top level, without
 * storage attributes (the fields of its unlisted part are not on it).
 */
export function caseFieldsOf(item: Record<string, unknown>): CaseRecord {
  const { row, ...rest } = item;
  // Without a row: an item written before rows existed, whose fields are all at the top level.
  const { currentClock: _derived, ...rowFields } = (row ?? {}) as Record<string, unknown>;
  return withoutStorageAttributes<CaseRecord>({ ...rest, ...rowFields });
}

/**
 * A case row from a list, pool, transfer or look-up index item, which holds
 * only the keys and the row. An item written before rows existed has no row:
 * read through an index that still projects the whole case (a store kept by
 * `npm start -- --persist`), its row is made from its fields.
 */
export function caseRowOf(indexItem: Record<string, unknown>): CaseRow {
  if (indexItem.row) return indexItem.row as CaseRow;
  return caseItemFields(caseFieldsOf(indexItem)).row as CaseRow;
}
