import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.js';

/**
 * Page cursors are opaque to clients: `<last list sort key>.<MAC>`, both
 * base64url. The MAC (HMAC-SHA256 under the cursor key, truncated to 128
 * bits) covers the sort key together with the query the page belongs to: its
 * name, the caller's union and every filter. DynamoDB refuses a start key that
 * does not satisfy the query's key condition (a November cursor on the
 * October list is a ValidationException, i.e. a 500), and a key from another
 * filter silently skips or repeats cases; so a cursor answers only the query
 * it came from, and anything else (another query, an edited or made-up
 * cursor) is a 400 INVALID_CURSOR. The page size is not bound: it may change
 * between pages.
 */
export interface CursorQuery {
  /** Which list, e.g. `listCases`: a cursor of one list never pages another. */
  readonly name: string;
  /** Everything that decides which items the list holds and in which order. */
  readonly bindings: Readonly<Record<string, string | undefined>>;
}

/** Items on a page when the request names no `limit` (case lists, alerts). */
export const DEFAULT_PAGE_SIZE = 25;

/** What a paged list request carries beside its filters. */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

const MAC_BYTES = 16;
/** A list sort key: an instant (case lists write it without the `Z`, alert lists with it), `#`, an id. */
const LIST_SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z?#[0-9a-f-]{36}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function macOf(key: string, query: CursorQuery, listSortKey: string): Buffer {
  const bindings = Object.entries(query.bindings)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  // JSON keeps the parts apart: no filter value can be crafted to read as another.
  const signed = JSON.stringify(['cursor/v1', query.name, bindings, listSortKey]);
  return createHmac('sha256', key).update(signed).digest().subarray(0, MAC_BYTES);
}

export function encodeCursor(key: string, query: CursorQuery, listSortKey: string): string {
  return `${Buffer.from(listSortKey, 'utf8').toString('base64url')}.${macOf(key, query, listSortKey).toString('base64url')}`;
}

/** The list sort key a cursor of `query` carries; 400 INVALID_CURSOR for any cursor this query did not hand out. */
export function decodeCursor(key: string, query: CursorQuery, cursor: string): string {
  const [encodedKey = '', ...rest] = cursor.split('.');
  if (rest.length === 1 && BASE64URL.test(encodedKey)) {
    const listSortKey = Buffer.from(encodedKey, 'base64url').toString('utf8');
    // Only the very cursor this query hands out: base64url decodes some edited last characters to the same bytes,
    // so the whole text is compared, not the decoded parts.
    const expected = Buffer.from(encodeCursor(key, query, listSortKey));
    const given = Buffer.from(cursor);
    if (LIST_SORT_KEY.test(listSortKey) && given.length === expected.length && timingSafeEqual(given, expected)) {
      return listSortKey;
    }
  }
  throw new AppError('INVALID_CURSOR', { zh: '翻页游标不属于此列表。', en: 'The page cursor does not belong to this list.' }, [
    {
      path: 'cursor',
      code: 'invalid_cursor',
      message: {
        zh: '请原样传回上一页的nextCursor并保持筛选条件不变；或不传此参数，从第一页重新开始',
        en: 'pass back the nextCursor of the previous page unchanged, with the same filters; or leave it out to start again',
      },
    },
  ]);
}
