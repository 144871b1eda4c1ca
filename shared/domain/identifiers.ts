import type { Phrase } from './errors.js';

/**
 * Validators for the identifiers Chinese labour-dispute intake relies on.
 * Pure functions: each returns a reason when the value is invalid (in Chinese
 * and English: a worker reads it on the public routes), or null.
 */

/**
 * The shape of each identifier, before its check digit or prefix is checked;
 * exported so the API document states the same pattern the validator tests.
 */
export const IDENTIFIER_SHAPES = {
  /** Mainland mobile numbers: 11 digits, starting 13–19. */
  mobile: /^1[3-9]\d{9}$/,
  divisionCode: /^\d{6}$/,
  residentId: /^\d{17}[\dX]$/,
  creditCode: /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
} as const;

/**
 * A mainland phone number written one way: a mobile as its 11 digits
 * (13812345678), a landline as area code, hyphen, local number (024-23456789).
 * Callers are matched by a keyed hash of this form, so one number written two
 * ways must come out the same.
 */
export interface PhoneNumber {
  readonly kind: 'mobile' | 'landline';
  readonly canonical: string;
}

/**
 * Area codes are 0 and two or three digits: 010 and 02x (Beijing and the big
 * cities) have two, every other one (03xx–09xx) three. So the digits alone
 * tell where the area code ends, whatever separators the caller typed. Local
 * numbers have 7 or 8 digits and never start with 0 (that would dial another
 * area code).
 */
const LANDLINE_DIGITS = /^(0(?:10|2\d|[3-9]\d{2}))([1-9]\d{6,7})$/;
/** What people write around the digits: spaces, hyphens, parentheses (and +86 in front). */
const PHONE_PUNCTUATION = /[\s\-()]/g;
/** The country code as written in front: +86, 0086, or 86 alone (no mainland number starts 86). */
const COUNTRY_CODE = /^(?:\+|00)?86/;

/**
 * Reads a mainland mobile or landline number however it was written: with
 * +86/0086/86, spaces, hyphens, parentheses, full-width characters from a
 * Chinese keyboard. Null when it is not one (a foreign number, an extension,
 * a local number without its area code).
 */
export function normalizePhoneNumber(written: string): PhoneNumber | null {
  // NFKC turns full-width digits, ＋ and （） into their ASCII forms.
  const compact = written.normalize('NFKC').replace(PHONE_PUNCTUATION, '');
  const international = COUNTRY_CODE.test(compact);
  let digits = compact.replace(COUNTRY_CODE, '');
  if (!/^\d+$/.test(digits)) return null;
  if (IDENTIFIER_SHAPES.mobile.test(digits)) return { kind: 'mobile', canonical: digits };
  // After +86 a landline drops its trunk 0 (+86 24 23456789, +86 10 12345678); some write it anyway.
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  const landline = LANDLINE_DIGITS.exec(digits);
  return landline ? { kind: 'landline', canonical: `${landline[1]}-${landline[2]}` } : null;
}

export function phoneNumberProblem(written: string): Phrase | null {
  return normalizePhoneNumber(written)
    ? null
    : {
        zh: '应为手机号码或固定电话（区号-号码，如024-23456789）',
        en: 'must be a mainland mobile number or a landline with its area code (e.g. 024-23456789)',
      };
}

/** Whether a number in its canonical form can receive SMS. */
export function isMobileNumber(canonical: string): boolean {
  return IDENTIFIER_SHAPES.mobile.test(canonical);
}

/** GB/T 2260 province-level prefixes in use (mainland, Taiwan, Hong Kong, Macao). */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function divisionCodeProblem(value: string): Phrase | null {
  if (!IDENTIFIER_SHAPES.divisionCode.test(value)) {
    return { zh: '应为6位行政区划代码（GB/T 2260）', en: 'must be a 6-digit administrative division code (GB/T 2260)' };
  }
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) {
    return { zh: '没有这个省级代码（GB/T 2260）', en: 'has no such province prefix (GB/T 2260)' };
  }
  if (value.slice(2, 4) === '00' && value.slice(4) !== '00') {
    return { zh: '县级代码须在其所属的市之下（GB/T 2260）', en: 'cannot name a county without its city (GB/T 2260)' };
  }
  return null;
}

export type DivisionLevel = 1 | 2 | 3;

/** Province (xx0000) → 1, prefecture-level city (xxxx00) → 2, county-level → 3. */
export function divisionLevel(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/**
 * Whether division `outer` covers division `inner`: a province covers every
 * code with its first two digits, a city every code with its first four, a
 * county only itself.
 */
export function divisionCovers(outer: string, inner: string): boolean {
  const significant = { 1: 2, 2: 4, 3: 6 }[divisionLevel(outer)];
  return inner.slice(0, significant) === outer.slice(0, significant);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID (GB 11643). */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARACTERS[sum % 11]!;
}

/** 18-character resident ID number: region, birth date, sequence, check character. */
export function residentIdProblem(value: string, today: Date = new Date()): Phrase | null {
  if (!IDENTIFIER_SHAPES.residentId.test(value)) {
    return {
      zh: '应为18位身份证号码：17位数字加1位校验码（数字或X）',
      en: 'must be 18 characters: 17 digits and a check digit or X',
    };
  }
  if (divisionCodeProblem(value.slice(0, 6)) !== null) {
    return { zh: '开头的地区代码不正确', en: 'does not start with a valid region code' };
  }
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}T00:00:00Z`);
  const isRealDate = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10).replaceAll('-', '') === birth;
  if (!isRealDate || date.getUTCFullYear() < 1900 || date > today) {
    return { zh: '出生日期不正确', en: 'holds an impossible birth date' };
  }
  if (residentIdCheckCharacter(value) !== value[17]) {
    return { zh: '校验码不符，请核对号码（GB 11643）', en: 'check digit does not match (GB 11643)' };
  }
  return null;
}

/** Characters of a unified social credit code; the letters I, O, S, V and Z are not used. */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code (GB 32100). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARACTERS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/** 统一社会信用代码: 18 characters (GB 32100-2015), uppercase. */
export function creditCodeProblem(value: string): Phrase | null {
  if (!IDENTIFIER_SHAPES.creditCode.test(value)) {
    return {
      zh: '应为18位统一社会信用代码（数字和除I、O、S、V、Z以外的大写字母）',
      en: 'must be an 18-character unified social credit code (digits and uppercase letters except I, O, S, V, Z)',
    };
  }
  if (creditCodeCheckCharacter(value) !== value[17]) {
    return { zh: '校验码不符，请核对代码（GB 32100）', en: 'check character does not match (GB 32100)' };
  }
  return null;
}
