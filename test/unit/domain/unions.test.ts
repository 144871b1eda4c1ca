import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionDirectory, type Union } from '../../../shared/domain/unions.js';

/** The demo hierarchy of DOMAIN.md. */
const DEMO: Union[] = [
  { code: '210000', name: '辽宁省总工会', parentCode: null },
  { code: '210100', name: '沈阳市总工会', parentCode: '210000' },
  ...[
    ['210102', '和平区'],
    ['210103', '沈河区'],
    ['210104', '大东区'],
    ['210105', '皇姑区'],
    ['210106', '铁西区'],
    ['210111', '苏家屯区'],
    ['210112', '浑南区'],
    ['210113', '沈北新区'],
    ['210114', '于洪区'],
    ['210115', '辽中区'],
    ['210123', '康平县'],
    ['210124', '法库县'],
    ['210181', '新民市'],
  ].map(([code, name]) => ({ code: code!, name: `${name}总工会`, parentCode: '210100' })),
  { code: '210700', name: '锦州市总工会', parentCode: '210000' },
  { code: '510000', name: '四川省总工会', parentCode: null },
  { code: '511100', name: '乐山市总工会', parentCode: '510000' },
  { code: '511900', name: '巴中市总工会', parentCode: '510000' },
  { code: '511902', name: '巴州区总工会', parentCode: '511900' },
];

const directory = new UnionDirectory(DEMO);

describe('UnionDirectory.pathOf', () => {
  it.each([
    ['210000', ['210000']],
    ['210100', ['210000', '210100']],
    ['210102', ['210000', '210100', '210102']],
    ['210181', ['210000', '210100', '210181']],
    ['210700', ['210000', '210700']],
    ['511900', ['510000', '511900']],
    ['511902', ['510000', '511900', '511902']],
    ['440300', []],
    ['210122', []],
  ])('pathOf(%s) = %j', (code, path) => {
    expect(directory.pathOf(code)).toEqual(path);
  });
});

describe('UnionDirectory.responsibleFor: the deepest union covering a region', () => {
  it.each([
    ['210102', '210102', 'a seeded district'],
    ['210181', '210181', 'a seeded county-level city'],
    ['210123', '210123', 'a seeded county'],
    ['210122', '210100', 'a Shenyang county with no union of its own'],
    ['210199', '210100', 'an unknown code inside Shenyang'],
    ['210100', '210100', 'the city itself'],
    ['210700', '210700', 'Jinzhou itself'],
    ['210781', '210700', 'a Jinzhou county with no union of its own'],
    ['211100', '210000', 'a Liaoning city with no union (Panjin)'],
    ['211102', '210000', 'a district of a Liaoning city with no union'],
    ['210000', '210000', 'the province itself'],
    ['511921', '511900', 'a Bazhong county with no union of its own'],
    ['511902', '511902', 'Bazhou district'],
    ['511100', '511100', 'Leshan itself'],
    ['511123', '511100', 'a Leshan county'],
    ['510104', '510000', 'a Chengdu district (no Chengdu union seeded)'],
    ['510000', '510000', 'Sichuan itself'],
  ])('region %s → union %s (%s)', (region, unionCode) => {
    expect(directory.responsibleFor(region)?.code).toBe(unionCode);
  });

  it.each([
    ['440300', 'Shenzhen: no Guangdong union'],
    ['110101', 'Beijing'],
    ['220100', 'Changchun (province prefix 22, next to 21)'],
    ['520000', 'Guizhou (next to 51)'],
  ])('region %s has no responsible union (%s)', (region) => {
    expect(directory.responsibleFor(region)).toBeUndefined();
  });

  it('returns the union itself, with its name', () => {
    expect(directory.responsibleFor('210781')).toEqual({ code: '210700', name: '锦州市总工会', parentCode: '210000' });
  });

  it('does not depend on the order the unions were given in', () => {
    const regions = ['210102', '210122', '210781', '511921', '511902', '211100', '440300', '510000'];
    const expected = regions.map((r) => directory.responsibleFor(r)?.code);
    fc.assert(
      fc.property(fc.shuffledSubarray(DEMO, { minLength: DEMO.length, maxLength: DEMO.length }), (shuffled) => {
        const other = new UnionDirectory(shuffled);
        expect(regions.map((r) => other.responsibleFor(r)?.code)).toEqual(expected);
      }),
    );
  });

  it('falls back to the province when the city union is missing', () => {
    const withoutShenyang = new UnionDirectory(DEMO.filter((u) => u.code !== '210100' && u.parentCode !== '210100'));
    expect(withoutShenyang.responsibleFor('210122')?.code).toBe('210000');
    expect(withoutShenyang.responsibleFor('210102')?.code).toBe('210000');
  });

  it('finds nothing in an empty directory', () => {
    expect(new UnionDirectory([]).responsibleFor('210102')).toBeUndefined();
  });
});

describe('UnionDirectory.isWithin', () => {
  it.each([
    ['210102', '210102', true, 'itself'],
    ['210102', '210100', true, 'its city'],
    ['210102', '210000', true, 'its province'],
    ['210700', '210000', true, 'Jinzhou in Liaoning'],
    ['511902', '510000', true, 'Bazhou in Sichuan'],
    ['511902', '511900', true, 'Bazhou in Bazhong'],
    ['210000', '210100', false, 'a province is not within its city'],
    ['210100', '210102', false, 'a city is not within its district'],
    ['210700', '210100', false, 'sibling cities'],
    ['210103', '210102', false, 'sibling districts'],
    ['511902', '511100', false, 'Bazhou is not in Leshan'],
    ['511902', '210000', false, 'another province'],
    ['210102', '510000', false, 'another province'],
    ['440300', '440300', false, 'a code with no union'],
    ['210122', '210100', false, 'a region with no union of its own'],
  ])('isWithin(%s, %s) = %s (%s)', (code, ancestor, expected) => {
    expect(directory.isWithin(code, ancestor)).toBe(expected);
  });
});

describe('UnionDirectory lookups', () => {
  it.each([
    ['210000', 1],
    ['210100', 2],
    ['210102', 3],
    ['511900', 2],
  ] as const)('levelOf(%s) = %i', (code, level) => {
    expect(directory.levelOf(code)).toBe(level);
  });

  it('get returns the union for a known code and undefined otherwise', () => {
    expect(directory.get('511902')?.name).toBe('巴州区总工会');
    expect(directory.get('440300')).toBeUndefined();
  });

  it('all lists every union once', () => {
    expect(
      directory
        .all()
        .map((u) => u.code)
        .sort(),
    ).toEqual(DEMO.map((u) => u.code).sort());
  });
});
