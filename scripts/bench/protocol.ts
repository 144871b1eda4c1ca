/** What the probe (child.ts) and the harness (measure.ts) agree on. Imported by both; runs nothing. */

export const EXIT_OK = 0;
/** The import threw; stderr holds `${IMPORT_ERROR_PREFIX}<ErrorName>`, a line, then the stack and any network lines. */
export const EXIT_IMPORT_ERROR = 1;
/** The import (or what it scheduled) tried the network; one `${NETWORK_PREFIX}<what>` line per attempt on stderr. */
export const EXIT_NETWORK = 3;

export const IMPORT_ERROR_PREFIX = 'bench-import-error ';
export const NETWORK_PREFIX = 'bench-network ';
