import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../../shared/domain/identifiers.js';
import { maskMobile, maskName, maskPhoneNumber, maskResidentId } from '../../../shared/domain/masking.js';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张伟', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧***'],
    ['司马相如', '司***'],
    ['李', '*'],
    ['', '*'],
    ['   ', '*'],
    ['  王五  ', '王*'],
    ['\t赵六\n', '赵*'],
    ['𠮷野家', '𠮷**'], // a character outside the BMP counts as one character
    ['𠮷', '*'],
    ['阿卜杜·热合曼', '阿******'],
    ['Zhang Wei', 'Z********'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps only the first character and hides the rest, for any name of two or more characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', minLength: 2, maxLength: 10 }), (raw) => {
        const name = raw.trim();
        const characters = [...name];
        fc.pre(characters.length >= 2);
        const masked = maskName(name);
        expect([...masked]).toHaveLength(characters.length);
        expect(masked.startsWith(characters[0]!)).toBe(true);
        expect([...masked].slice(1).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19900001111', '199****1111'],
    ['15000000000', '150****0000'],
  ])('%s → %s', (mobile, masked) => {
    expect(maskMobile(mobile)).toBe(masked);
  });

  it('hides the four middle digits of any mobile number and keeps its length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (mobile) => {
        const masked = maskMobile(mobile);
        expect(masked).toHaveLength(11);
        expect(masked.slice(0, 3)).toBe(mobile.slice(0, 3));
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked.slice(7)).toBe(mobile.slice(7));
      }),
    );
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['024-23456789', '024-****6789'],
    ['010-12345678', '010-****5678'],
    ['0411-8888888', '0411-***8888'],
    ['0411-88888888', '0411-****8888'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhoneNumber(phone)).toBe(masked);
  });

  it("keeps a landline's area code and last four digits and hides the rest of its local number", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0(10|2\d|[3-9]\d\d)$/), fc.stringMatching(/^[2-9]\d{6,7}$/), (area, local) => {
        const masked = maskPhoneNumber(`${area}-${local}`);
        expect(masked).toBe(`${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`);
      }),
    );
  });
});

describe('maskResidentId', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['210102199003071233', '210102********1233'],
    ['110101200002290018', '110101********0018'],
  ])('%s → %s', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked);
  });

  it('never reveals the birth date, and keeps the region and the last four characters', () => {
    const birthDate = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('110101', '210102', '511902'),
        birthDate,
        fc.stringMatching(/^\d{3}$/),
        (region, birth, seq) => {
          const first17 = region + birth.toISOString().slice(0, 10).replaceAll('-', '') + seq;
          const id = first17 + residentIdCheckCharacter(first17);
          const masked = maskResidentId(id);
          expect(masked).toHaveLength(18);
          expect(masked.slice(0, 6)).toBe(region);
          expect(masked.slice(6, 14)).toBe('********');
          expect(masked.slice(14)).toBe(id.slice(14));
        },
      ),
    );
  });
});
