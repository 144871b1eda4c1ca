/**
 * Masked forms of personal information, for every view whose role does not
 * need the full value. Masks keep just enough for a person to recognise a
 * caller ("张*, 138****1234") and nothing that identifies them alone.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***; a single character stays masked entirely. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return '*';
  return characters[0] + '*'.repeat(characters.length - 1);
}

/** 13812345678 → 138****5678 */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

/**
 * A phone number in its canonical form (see normalizePhoneNumber): a mobile as
 * maskMobile; a landline keeps its area code (which only names a city) and the
 * last four digits: 024-23456789 → 024-****6789, 0411-8888888 → 0411-***8888.
 */
export function maskPhoneNumber(canonical: string): string {
  const hyphen = canonical.indexOf('-');
  if (hyphen < 0) return maskMobile(canonical);
  const local = canonical.slice(hyphen + 1);
  return `${canonical.slice(0, hyphen + 1)}${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
}

/** Keeps the region (first 6) and the last 4 characters; the birth date is hidden. */
export function maskResidentId(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
}
