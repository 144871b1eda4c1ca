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

/** Keeps the region (first 6) and the last 4 characters; the birth date is hidden. */
export function maskResidentId(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
}
