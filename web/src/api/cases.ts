import { api, unwrap } from './client';

const CASE_NUMBER = /^(\d{6})-(\d{4})(\d{2})\d{2}-\d{4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGES = 20;

/**
 * The case id for a case number such as 210102-20261201-0001, if the caller
 * can see it. The API has no look-up by number yet: the number carries its
 * registration date, so the month's list is read page by page (newest first).
 */
export async function findCaseByNumber(typed: string): Promise<string | undefined> {
  if (UUID.test(typed)) return typed;
  const match = CASE_NUMBER.exec(typed);
  if (!match) return undefined;
  const month = `${match[2]}-${match[3]}`;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await unwrap(
      api().GET('/cases', { params: { query: { month, limit: '100', ...(cursor ? { cursor } : {}) } } }),
    );
    const hit = result.items.find((item) => item.caseNumber === typed);
    if (hit) return hit.caseId;
    cursor = result.nextCursor;
    if (!cursor) return undefined;
  }
  return undefined;
}
