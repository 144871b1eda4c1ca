import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../shared/usecases/cursor.js';

const KEY = 'test-cursor-key';
const QUERY = { name: 'listCases', bindings: { month: '2026-12', status: undefined } };
const LIST_SORT_KEY = '2026-12-02T08:00:00.000#6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('page cursors', () => {
  it('give back the list position they were handed out with', () => {
    expect(decodeCursor(KEY, QUERY, encodeCursor(KEY, QUERY, LIST_SORT_KEY))).toBe(LIST_SORT_KEY);
  });

  it('refuse a cursor whose last character was edited, even where base64url decodes it to the same bytes', () => {
    const cursor = encodeCursor(KEY, QUERY, LIST_SORT_KEY);
    // The MAC's 16 bytes fill 22 characters with 4 bits to spare: flipping the lowest bit of the last character
    // changes the text but not the bytes it decodes to.
    const last = ALPHABET.indexOf(cursor.at(-1)!);
    const edited = cursor.slice(0, -1) + ALPHABET[last ^ 1];
    expect(Buffer.from(edited.split('.')[1]!, 'base64url')).toEqual(Buffer.from(cursor.split('.')[1]!, 'base64url'));

    expect(() => decodeCursor(KEY, QUERY, edited)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});
