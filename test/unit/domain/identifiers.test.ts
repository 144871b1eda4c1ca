import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckCharacter,
  creditCodeProblem,
  divisionCodeProblem,
  divisionCovers,
  divisionLevel,
  isMobileNumber,
  normalizePhoneNumber,
  phoneNumberProblem,
  residentIdCheckCharacter,
  residentIdProblem,
} from '../../../shared/domain/identifiers.js';

/**
 * Independent oracles, written from the standards rather than copied from the
 * code under test:
 * - GB 11643 / ISO 7064 MOD 11-2: with weights 2^(18-i) mod 11 over all 18
 *   characters (X = 10, the check character weighs 1), the sum is ≡ 1 (mod 11).
 * - GB 32100: with weights 3^(i-1) mod 31 over the first 17 characters and the
 *   check character added with weight 1, the sum is ≡ 0 (mod 31).
 */
function mod11_2Holds(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const c = id[i]!;
    const value = c === 'X' ? 10 : Number(c);
    sum += value * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function gb32100Holds(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]!) * (3 ** i % 31);
  return (sum + USCC_ALPHABET.indexOf(code[17]!)) % 31 === 0;
}

/** Today is pinned so that birth-date rules do not depend on the day the suite runs. */
const TODAY = new Date('2026-06-01T00:00:00Z');

describe('divisionCodeProblem', () => {
  it.each([
    ['210000', 'Liaoning province'],
    ['210100', 'Shenyang city'],
    ['210102', 'Heping district'],
    ['210181', 'Xinmin county-level city'],
    ['211100', 'Panjin city'],
    ['210700', 'Jinzhou city'],
    ['510000', 'Sichuan province'],
    ['511900', 'Bazhong city'],
    ['511902', 'Bazhou district'],
    ['110000', 'Beijing'],
    ['110101', 'Beijing Dongcheng'],
    ['650000', 'Xinjiang'],
    ['710000', 'Taiwan'],
    ['810000', 'Hong Kong'],
    ['820000', 'Macao'],
  ])('accepts %s (%s)', (code) => {
    expect(divisionCodeProblem(code)).toBeNull();
  });

  it.each([
    ['210012', /county without its city/],
    ['510099', /county without its city/],
    ['110001', /county without its city/],
    ['000000', /no such province prefix/],
    ['200000', /no such province prefix/],
    ['240000', /no such province prefix/],
    ['390100', /no such province prefix/],
    ['900000', /no such province prefix/],
    ['990000', /no such province prefix/],
    ['21010', /6-digit/],
    ['2101020', /6-digit/],
    ['21010a', /6-digit/],
    [' 210102', /6-digit/],
    ['２１０１０２', /6-digit/],
    ['', /6-digit/],
  ])('rejects %j with a reason matching %s', (code, reason) => {
    expect(divisionCodeProblem(code)?.en).toMatch(reason);
  });
});

describe('divisionLevel', () => {
  it.each([
    ['210000', 1],
    ['510000', 1],
    ['110000', 1],
    ['210100', 2],
    ['210700', 2],
    ['211100', 2],
    ['511900', 2],
    ['210102', 3],
    ['210181', 3],
    ['210123', 3],
    ['511902', 3],
    ['210110', 3],
  ] as const)('%s is level %i', (code, level) => {
    expect(divisionLevel(code)).toBe(level);
  });
});

describe('divisionCovers', () => {
  it.each([
    // a province covers its whole area
    ['210000', '210000', true],
    ['210000', '210100', true],
    ['210000', '210102', true],
    ['210000', '210181', true],
    ['210000', '211100', true],
    ['210000', '210781', true],
    ['210000', '510000', false],
    ['210000', '220100', false],
    ['210000', '120000', false],
    // a city covers its own counties, not its province or sibling cities
    ['210100', '210100', true],
    ['210100', '210102', true],
    ['210100', '210122', true],
    ['210100', '210181', true],
    ['210100', '210000', false],
    ['210100', '210700', false],
    ['210100', '211100', false],
    ['210100', '210781', false],
    ['210700', '210781', true],
    ['511900', '511902', true],
    ['511900', '511921', true],
    ['511100', '511902', false],
    // a county covers only itself
    ['210102', '210102', true],
    ['210102', '210103', false],
    ['210102', '210100', false],
    ['210102', '210000', false],
  ] as const)('%s covers %s: %s', (outer, inner, expected) => {
    expect(divisionCovers(outer, inner)).toBe(expected);
  });
});

describe('residentIdCheckCharacter', () => {
  // Hand calculation for 11010519491231002X:
  // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
  // 167 mod 11 = 2 → '10X98765432'[2] = 'X'.
  it.each([
    ['11010519491231002', 'X'],
    ['21010219900307123', '3'],
    ['11010120000229001', '8'],
    ['11010119000228001', '6'],
    ['51190219850615123', '6'],
    ['21018119991231456', '8'],
    ['51112319001231000', '8'],
  ])('%s → %s', (first17, expected) => {
    expect(residentIdCheckCharacter(first17)).toBe(expected);
  });

  it('every 17-digit prefix gets the character that satisfies ISO 7064 MOD 11-2', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(mod11_2Holds(first17 + residentIdCheckCharacter(first17))).toBe(true);
      }),
    );
  });
});

describe('residentIdProblem', () => {
  it.each([
    ['11010519491231002X', 'the well-known sample, check character X'],
    ['210102199003071233', 'the RegisterCaseBody example'],
    ['110101200002290018', 'born on 29 February 2000 (a century leap year)'],
    ['110101202402290024', 'born on 29 February 2024'],
    ['110101190002280016', 'born in 1900, the earliest accepted year'],
    ['511902198506151236', 'Bazhou district'],
    ['210181199912314568', 'born on the last day of a year'],
  ])('accepts %s (%s)', (id) => {
    expect(mod11_2Holds(id)).toBe(true);
    expect(residentIdProblem(id, TODAY)).toBeNull();
  });

  /** A 17-digit prefix completed with the independently computed check character. */
  function withCheck(first17: string): string {
    for (const c of '0123456789X') if (mod11_2Holds(first17 + c)) return first17 + c;
    throw new Error('unreachable');
  }

  it.each([
    // check character: changing only the last character
    ['11010519491231002', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']],
    ['21010219900307123', ['0', '1', '2', '4', '5', '6', '7', '8', '9', 'X']],
  ])('rejects %s followed by any wrong check character', (first17, wrong) => {
    for (const c of wrong) {
      expect(residentIdProblem(first17 + c, TODAY)?.en, first17 + c).toMatch(/check digit does not match/);
    }
  });

  it.each([
    ['11010519491231002x', 'lowercase x'],
    ['110105194912310', 'the old 15-digit format'],
    ['11010519491231002', '17 characters'],
    ['11010519491231002XX', '19 characters'],
    ['1101051949123100X2', 'X not in last place'],
    ['11010519491231002 ', 'a trailing space'],
    ['', 'empty'],
  ])('rejects the malformed %j (%s)', (id) => {
    expect(residentIdProblem(id, TODAY)?.en).toMatch(/must be 18 characters/);
  });

  it.each([
    ['00000019900307123', 'region 000000'],
    ['20010219900307123', 'unknown province prefix 20'],
    ['21001219900307123', 'county without its city (210012)'],
  ])('rejects an ID with a correct check digit but %s', (first17) => {
    const id = withCheck(first17);
    expect(residentIdProblem(id, TODAY)?.en).toMatch(/valid region code/);
  });

  it.each([
    ['11010119000229001', '29 February 1900 (1900 is not a leap year)'],
    ['11010120230229001', '29 February 2023'],
    ['11010121000229001', '29 February 2100 (not a leap year), and in the future'],
    ['11010120260230001', '30 February'],
    ['11010120260431001', '31 April'],
    ['11010120261301001', 'month 13'],
    ['11010120260001001', 'month 00'],
    ['11010120260100001', 'day 00'],
    ['11010120260132001', 'day 32'],
    ['11010118991231001', '31 December 1899, before 1900'],
    ['11010100000101001', 'year 0000'],
    ['11010120260602001', 'the day after today'],
    ['11010120270101001', 'next year'],
  ])('rejects an ID with a correct check digit but an impossible birth date: %s (%s)', (first17) => {
    const id = withCheck(first17);
    expect(residentIdProblem(id, TODAY)?.en).toMatch(/impossible birth date/);
  });

  it('accepts a person born on the given day itself', () => {
    expect(residentIdProblem(withCheck('11010120260601001'), TODAY)).toBeNull();
  });

  it('rejects every single-digit substitution in the first 17 digits of a valid ID', () => {
    const valid = '11010519491231002X';
    for (let position = 0; position < 17; position++) {
      for (const digit of '0123456789') {
        if (digit === valid[position]) continue;
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(residentIdProblem(changed, TODAY), changed).not.toBeNull();
      }
    }
  });

  it('rejects every transposition of two adjacent different digits', () => {
    const valid = '210102199003071233';
    for (let position = 0; position < 17; position++) {
      if (valid[position] === valid[position + 1]) continue;
      const swapped = valid.slice(0, position) + valid[position + 1] + valid[position] + valid.slice(position + 2);
      expect(residentIdProblem(swapped, TODAY), swapped).not.toBeNull();
    }
  });

  const REGIONS = ['110101', '210102', '210181', '210700', '511902', '440305', '650102'];
  const sequence = fc.stringMatching(/^\d{3}$/);
  const birthDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true });
  const compact = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

  it('property: 17 valid leading digits plus residentIdCheckCharacter make an accepted ID', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), birthDate, sequence, (region, birth, seq) => {
        const first17 = region + compact(birth) + seq;
        const id = first17 + residentIdCheckCharacter(first17);
        expect(residentIdProblem(id, TODAY)).toBeNull();
        expect(mod11_2Holds(id)).toBe(true);
      }),
    );
  });

  it('property: changing the last character of such an ID makes it invalid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REGIONS),
        birthDate,
        sequence,
        fc.constantFrom(...'0123456789X'),
        (region, birth, seq, replacement) => {
          const first17 = region + compact(birth) + seq;
          const check = residentIdCheckCharacter(first17);
          fc.pre(replacement !== check);
          expect(residentIdProblem(first17 + replacement, TODAY)?.en).toMatch(/check digit does not match/);
        },
      ),
    );
  });

  it('uses the current date when no date is given: a birth date in the future is rejected', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(residentIdProblem(withCheck(`110101${nextYear}0101001`))?.en).toMatch(/impossible birth date/);
    expect(residentIdProblem('11010519491231002X')).toBeNull();
  });
});

describe('creditCodeCheckCharacter', () => {
  // Hand calculation for 91350100M000100Y4 (alphabet index: M = 21, Y = 30):
  // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25 + 0·13
  //   + 1·8 + 0·24 + 0·10 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
  it.each([
    ['91350100M000100Y4', '3'],
    ['91210102MA0QC1234', '7'],
    ['91440300192203821', '6'],
    ['9144030071526726X', 'G'],
    ['91330100799655058', 'B'],
    ['91110000100006485', 'K'],
  ])('%s → %s', (first17, expected) => {
    expect(creditCodeCheckCharacter(first17)).toBe(expected);
  });

  it('property: the check character satisfies GB 32100 for any 17 allowed characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/), (first17) => {
        const code = first17 + creditCodeCheckCharacter(first17);
        expect(gb32100Holds(code)).toBe(true);
        expect(creditCodeProblem(code)).toBeNull();
      }),
    );
  });
});

describe('creditCodeProblem', () => {
  it.each([
    ['91350100M000100Y43', 'the commonly cited sample'],
    ['91210102MA0QC12347', 'the RegisterCaseBody example'],
    ['914403001922038216', 'a registered company, numeric check character'],
    ['9144030071526726XG', 'a registered company, check character G'],
    ['91330100799655058B', 'a registered company, check character B'],
    ['91110000100006485K', 'a registered company, check character K'],
  ])('accepts %s (%s)', (code) => {
    expect(gb32100Holds(code)).toBe(true);
    expect(creditCodeProblem(code)).toBeNull();
  });

  it.each([
    ['91350100M000100Y44', 'last character changed'],
    ['91350100M000100Y40', 'last character changed to 0'],
    ['91350100M000100Y4A', 'last character changed to a letter'],
    ['91350100M000100Y53', 'one character of the body changed'],
    ['91350100N000100Y43', 'a letter of the body changed'],
    ['91350101M000100Y43', 'a digit of the region changed'],
    ['19350100M000100Y43', 'first two characters swapped'],
    ['911100001000064856', 'a check digit written where K belongs'],
  ])('rejects %s (%s)', (code) => {
    expect(creditCodeProblem(code)?.en).toMatch(/check character does not match/);
  });

  it.each([
    ['91350100m000100y43', 'lowercase'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['91350100I000100Y43', 'letter I'],
    ['91350100O000100Y43', 'letter O'],
    ['91350100S000100Y43', 'letter S'],
    ['91350100V000100Y43', 'letter V'],
    ['91350100Z000100Y43', 'letter Z'],
    ['9135010AM000100Y43', 'a letter among the six region digits'],
    ['91350100M000100Y4-', 'punctuation'],
    ['91350100M000100Y4 ', 'a trailing space'],
    ['', 'empty'],
  ])('rejects the malformed %j (%s)', (code) => {
    expect(creditCodeProblem(code)?.en).toMatch(/18-character unified social credit code/);
  });

  it('rejects every single-character substitution of the sample', () => {
    const valid = '91350100M000100Y43';
    for (let position = 0; position < 18; position++) {
      for (const c of USCC_ALPHABET) {
        if (c === valid[position]) continue;
        const changed = valid.slice(0, position) + c + valid.slice(position + 1);
        expect(creditCodeProblem(changed), changed).not.toBeNull();
      }
    }
  });
});

describe('normalizePhoneNumber', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['+8613812345678', 'mobile', '13812345678'],
    ['+86 138 1234 5678', 'mobile', '13812345678'],
    ['86-138-1234-5678', 'mobile', '13812345678'],
    ['008613812345678', 'mobile', '13812345678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['(+86) 13812345678', 'mobile', '13812345678'],
    [' 13812345678 ', 'mobile', '13812345678'],
    ['024-23456789', 'landline', '024-23456789'],
    ['02423456789', 'landline', '024-23456789'],
    ['(024) 2345 6789', 'landline', '024-23456789'],
    ['（024）23456789', 'landline', '024-23456789'],
    ['１３８１２３４５６７８', 'mobile', '13812345678'],
    ['＋８６　１３８１２３４５６７８', 'mobile', '13812345678'],
    ['+86 24 23456789', 'landline', '024-23456789'],
    ['+86-24-2345-6789', 'landline', '024-23456789'],
    ['86 (024) 23456789', 'landline', '024-23456789'],
    ['0411-8888888', 'landline', '0411-8888888'],
    ['04118888888', 'landline', '0411-8888888'],
    ['0411 88888888', 'landline', '0411-88888888'],
    ['010-12345678', 'landline', '010-12345678'],
    ['01062345678', 'landline', '010-62345678'],
    ['020 8888 8888', 'landline', '020-88888888'],
    ['0833-2123456', 'landline', '0833-2123456'],
  ])('%j is the %s number %s', (written, kind, canonical) => {
    expect(normalizePhoneNumber(written)).toEqual({ kind, canonical });
    expect(phoneNumberProblem(written)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['10812345678', 'a mobile prefix 10'],
    ['11812345678', 'a mobile prefix 11'],
    ['12812345678', 'a mobile prefix 12'],
    ['23812345678', 'eleven digits starting 2'],
    ['1381234567', 'a mobile number one digit short'],
    ['138123456789', 'a mobile number one digit long'],
    ['23456789', 'a local number without its area code'],
    ['024-234567', 'a local number of 6 digits'],
    ['024-234567890', 'a local number of 9 digits'],
    ['024-03456789', 'a local number starting 0'],
    ['011-23456789', 'an area code 011 (only 010 starts 01)'],
    ['00-23456789', 'an area code 00'],
    ['+1 415 555 0100', 'a foreign number'],
    ['+85223456789', 'a Hong Kong number'],
    ['138-1234-567a', 'a letter'],
    ['024-2345-6789 ext 12', 'an extension'],
    ['++8613812345678', 'two plus signs'],
    ['1381234+5678', 'a plus sign inside'],
  ])('refuses %j (%s)', (written) => {
    expect(normalizePhoneNumber(written)).toBeNull();
    expect(phoneNumberProblem(written)?.en).toMatch(/mobile number or a landline/);
    expect(phoneNumberProblem(written)?.zh).toMatch(/手机号码或固定电话/);
  });

  it('writes every number one way however it was written, so one caller has one look-up key', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^0(10|2\d|[3-9]\d\d)$/),
        fc.stringMatching(/^[2-9]\d{6,7}$/),
        fc.constantFrom('', '+86 ', '86-', '0086'),
        fc.constantFrom('-', ' ', ''),
        fc.boolean(),
        (area, local, prefix, separator, parenthesised) => {
          const areaWritten = prefix === '' ? area : area.slice(1);
          const written = `${prefix}${parenthesised ? `(${areaWritten})` : areaWritten}${separator}${local}`;
          expect(normalizePhoneNumber(written)).toEqual({ kind: 'landline', canonical: `${area}-${local}` });
        },
      ),
    );
  });
});

describe('isMobileNumber', () => {
  it.each([
    ['13812345678', true],
    ['024-23456789', false],
    ['0411-8888888', false],
  ])('%s → %s', (canonical, mobile) => {
    expect(isMobileNumber(canonical)).toBe(mobile);
  });
});
