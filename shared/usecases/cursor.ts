import { AppError } from '../domain/errors.js';

/**
 * Page cursors are opaque to clients: base64url of the last list sort key.
 * The server rebuilds the DynamoDB start key from it, always inside the
 * caller's own partition, so a forged cursor can skip within the caller's
 * subtree but never reach another union's cases.
 */
const LIST_SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}#[0-9a-f-]{36}$/;

export function encodeCursor(listSortKey: string): string {
  return Buffer.from(listSortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!LIST_SORT_KEY.test(decoded)) {
    throw new AppError('VALIDATION_FAILED', 'The page cursor is not valid.', [
      { path: 'cursor', code: 'invalid_cursor', message: 'pass back the nextCursor of the previous page unchanged' },
    ]);
  }
  return decoded;
}
