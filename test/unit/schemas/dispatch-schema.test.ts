import { describe, expect, it } from 'vitest';
import { AssignBody } from '../../../shared/schemas/dispatch.js';

const staffId = '8d1c7f0e-0005-4000-8000-000000000005';

describe('an assignment override', () => {
  it('names the rules it waives, each a rule that may be waived', () => {
    const parsed = AssignBody.safeParse({
      staffId,
      override: { rules: ['category_not_taken', 'at_capacity'], reason: '律师同意' },
    });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['no rules named (the old shape, which waived everything)', { reason: '律师同意' }],
    ['an empty list', { rules: [], reason: '律师同意' }],
    ['a rule nobody may waive', { rules: ['case_outside_union'], reason: '律师同意' }],
    ['a rule named twice', { rules: ['at_capacity', 'at_capacity'], reason: '律师同意' }],
    ['an unknown field', { rules: ['at_capacity'], reason: '律师同意', everything: true }],
  ])('is refused with %s', (_name, override) => {
    expect(AssignBody.safeParse({ staffId, override }).success).toBe(false);
  });
});
