import { canSeeCase, type CaseRecord } from '../domain/cases.js';
import { AppError } from '../domain/errors.js';
import type { Caller } from '../domain/roles.js';
import type { Moment } from '../domain/moment.js';
import type { Dependencies } from './dependencies.js';

/** A case the caller may see; anything else is "not found", exactly as a case that does not exist, never "forbidden". */
export async function visibleCase(deps: Pick<Dependencies, 'cases'>, caller: Caller, caseId: string): Promise<CaseRecord> {
  const caseRecord = await deps.cases.get(caseId);
  if (!caseRecord || !canSeeCase(caller, caseRecord)) {
    throw new AppError('NOT_FOUND', { zh: '您单位的管辖范围内没有这件案件。', en: 'No such case in your union’s area.' });
  }
  return caseRecord;
}

/** Now, and where event ids come from, for a transition. */
export function momentOf(deps: Pick<Dependencies, 'now' | 'newId'>): Moment {
  return { now: deps.now(), newEventId: deps.newId };
}
