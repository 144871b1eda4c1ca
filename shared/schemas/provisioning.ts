import * as z from 'zod/mini';
import { ACCEPTANCE_COUNTINGS } from '../domain/clocks.js';
import { CATEGORIES } from '../domain/vocabulary.js';
import { CategorySchema, DivisionCodeSchema } from './case.js';
import { CalendarDate, text } from './common.js';
import { RosterEntryBody, StaffIdParams } from './dispatch.js';

/**
 * What `npm run provision` loads into a deployment: the union directory, the
 * national holiday calendar by year, and the roster. Strict like every request
 * body: an unknown key is a mistake to report, not to ignore.
 */
const UnionEntry = z.strictObject({
  code: DivisionCodeSchema,
  name: text(2, 50),
  parentCode: z.nullable(DivisionCodeSchema),
  /** The approved SMS signature (签名) messages about this union's cases carry; unset: the parent's. */
  smsSignature: z.optional(text(2, 20)),
  triage: z.optional(
    z.strictObject({
      mediationCategories: z.array(CategorySchema).check(z.maxLength(Object.keys(CATEGORIES).length)),
      autoAssignUrgentHotline: z.optional(z.boolean()),
    }),
  ),
  completionTargets: z.optional(z.partialRecord(CategorySchema, z.int().check(z.minimum(1), z.maximum(365)))),
  /** How Art. 29's five days are counted: working days (default, per the 2017 arbitration rules) or calendar days. */
  arbitrationAcceptanceCounting: z.optional(z.enum(ACCEPTANCE_COUNTINGS)),
});

const CalendarYear = z.strictObject({
  year: z.int().check(z.minimum(2020), z.maximum(2100)),
  /** The State Council General Office notice the dates come from. */
  source: text(4, 200),
  holidays: z.array(CalendarDate).check(z.maxLength(60)),
  adjustedWorkdays: z.array(CalendarDate).check(z.maxLength(20)),
});

const RosterEntry = z.extend(RosterEntryBody, { staffId: StaffIdParams.shape.staffId });

export const ProvisioningFile = z.strictObject({
  $schema: z.optional(z.string()),
  unions: z._default(z.array(UnionEntry).check(z.maxLength(5000)), []),
  calendar: z._default(z.array(CalendarYear).check(z.maxLength(20)), []),
  roster: z._default(z.array(RosterEntry).check(z.maxLength(20000)), []),
});

export type ProvisioningInput = z.output<typeof ProvisioningFile>;
