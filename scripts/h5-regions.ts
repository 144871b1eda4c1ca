/**
 * Writes the H5 page's region picker (web/h5/src/regions.json) from the demo
 * union directory: one option per union, province → city → district, named
 * after its area. There is no public directory route yet; a test checks the
 * file still matches the directory, so the two cannot drift apart.
 *
 *   npm run regions:h5
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Union } from '../shared/domain/unions.js';
import { DEMO_UNIONS } from './local/demo-data.js';

export interface RegionOption {
  readonly value: string;
  readonly label: string;
  readonly children?: RegionOption[];
}

export const REGIONS_FILE = fileURLToPath(new URL('../web/h5/src/regions.json', import.meta.url));

/** The cascade of areas served, from a union directory (areas are named after their union: 沈河区总工会 → 沈河区). */
export function regionOptions(unions: readonly Union[], parentCode: string | null = null): RegionOption[] {
  return unions
    .filter((union) => union.parentCode === parentCode)
    .map((union) => {
      const children = regionOptions(unions, union.code);
      return { value: union.code, label: union.name.replace(/总工会$/, ''), ...(children.length > 0 ? { children } : {}) };
    });
}

export function renderRegions(unions: readonly Union[] = DEMO_UNIONS): string {
  return `${JSON.stringify(regionOptions(unions), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(REGIONS_FILE, renderRegions());
  console.log(`wrote ${REGIONS_FILE}`);
}
