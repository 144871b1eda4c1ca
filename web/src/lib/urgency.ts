import type { CaseRow } from '../api/client';

const RANK = { urgent: 0, priority: 1, ordinary: 2 } as const;

/** Most urgent first: priority, then the clock that runs out soonest. */
export function byUrgency(a: CaseRow, b: CaseRow): number {
  const rank = RANK[a.priority] - RANK[b.priority];
  if (rank !== 0) return rank;
  const due = (row: CaseRow) => row.currentClock?.dueAt ?? '9999';
  return due(a).localeCompare(due(b));
}
