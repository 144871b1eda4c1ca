import { chinaLocalIso } from '../domain/china-time.js';

/**
 * Key builders: the only place key shapes are spelled out (see the item table
 * in table-definition.ts). Prefixes keep item kinds apart inside a partition.
 */
export const keys = {
  unionDirectory: () => ({ PK: 'DIRECTORY' }),
  union: (code: string) => ({ PK: 'DIRECTORY', SK: `UNION#${code}` }),
  caseSequence: (unionCode: string, localDate: string) => ({
    PK: `UNION#${unionCode}`,
    SK: `CASESEQ#${localDate.replaceAll('-', '')}`,
  }),
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' }),
  contact: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CONTACT' }),
  /** `at` is ISO UTC and `seq` zero-padded, so events sort in the order they happened. */
  event: (caseId: string, at: string, seq: number) => ({
    PK: `CASE#${caseId}`,
    SK: `EVENT#${at}#${String(seq).padStart(3, '0')}`,
  }),
  eventPrefix: 'EVENT#',
  caseNumber: (caseNumber: string) => ({ PK: `CASENO#${caseNumber}`, SK: 'CASENO' }),
} as const;

/** Sort key of the case list indexes (see table-definition.ts for why local time). */
export function listSortKey(registeredAt: string, caseId: string): string {
  return `${chinaLocalIso(new Date(registeredAt)).slice(0, 23)}#${caseId}`;
}

/** The list index and its partition attribute for a union at hierarchy level 1–3. */
export function listIndexFor(level: 1 | 2 | 3) {
  return {
    indexName: `casesByL${level}Union` as const,
    partitionAttribute: `l${level}Union` as const,
  };
}

/** `l1Union`, `l2Union`, `l3Union` for a case whose union path is `path`. */
export function listIndexAttributes(path: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  path.slice(0, 3).forEach((code, depth) => {
    attributes[listIndexFor((depth + 1) as 1 | 2 | 3).partitionAttribute] = code;
  });
  return attributes;
}
