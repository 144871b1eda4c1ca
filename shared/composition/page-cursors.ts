import { cursorKey } from '../security/cursor-key.js';
import type { PageCursors } from '../usecases/dependencies.js';

/** The key that binds page cursors to their query, for the functions that page. */
export const pageCursors: PageCursors = { cursorKey };
