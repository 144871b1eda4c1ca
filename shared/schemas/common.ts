import * as z from 'zod/mini';
import type { Phrase } from '../domain/errors.js';
import { IDENTIFIER_SHAPES } from '../domain/identifiers.js';

/**
 * Building blocks shared by every route schema. zod/mini (not classic zod):
 * it tree-shakes to ~18 KiB per function bundle against ~90 KiB, which is
 * what keeps each function within its cold-start budget (see `npm run bench`).
 */

/**
 * The product's own words for a failed check, in both languages. zod's
 * generic messages come from its locales; these are ours (a domain
 * validator's reason, "must be a month as YYYY-MM"). A check's message cannot
 * be fixed in the schema, since one process answers workers in Chinese and
 * staff in English: the error map of the request's language reads the phrase
 * from the check that failed (or from the issue's `params`) and picks.
 */
const CHECK_PHRASES = new WeakMap<object, Phrase>();

/** A check (z.regex, z.uuid, z.refine…) whose failure says `phrase` instead of zod's generic words. */
export function phrased<C extends object>(check: C, phrase: Phrase): C {
  CHECK_PHRASES.set(check, phrase);
  return check;
}

/** An issue as an error map receives it: before its message is settled, with the check that raised it. */
interface RawIssue {
  readonly inst?: object;
  readonly params?: { readonly phrase?: Phrase };
}

/** The product's own words for an issue, if it has any. */
export function productPhrase(issue: RawIssue): Phrase | undefined {
  return issue.params?.phrase ?? (issue.inst ? CHECK_PHRASES.get(issue.inst) : undefined);
}

// Parsed without a language (scripts, tests), the product's words read in English; the edge passes its own map.
z.config({ customError: (issue) => productPhrase(issue)?.en });

/** A custom issue in the product's words, for superRefine checks. */
export function phrasedIssue(phrase: Phrase, input: unknown, path?: PropertyKey[]) {
  return { code: 'custom' as const, params: { phrase }, input, ...(path ? { path } : {}) };
}

/** A refinement from one of the domain's `…Problem(value)` validators. */
export function validatedBy(problem: (value: string) => Phrase | null) {
  return z.superRefine<string>((value, ctx) => {
    const reason = problem(value);
    if (reason !== null) ctx.addIssue(phrasedIssue(reason, value));
  });
}

/** Text a person typed: trimmed, then between `min` and `max` characters. */
export function text(min: number, max: number) {
  return z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
}

/** Non-negative integer money in fen (CNY × 100); never floating point. */
export const Fen = z.int().check(z.minimum(0), z.maximum(100_000_000_000));

/** Describes a schema for OpenAPI (id makes it a named component). */
export function documented<S extends z.ZodMiniType>(schema: S, meta: z.core.GlobalMeta): S {
  z.globalRegistry.add(schema, meta);
  return schema;
}

/**
 * States in the OpenAPI document a length the schema's own check already
 * fixes (a regex, a domain validator) but zod's JSON Schema generator cannot
 * see. Documentation only: what the API accepts does not change.
 */
export function withLength<S extends z.ZodMiniType>(schema: S, maxLength: number, pattern?: RegExp): S {
  return documented(schema, { maxLength, ...(pattern ? { pattern: pattern.source } : {}) });
}

/** Calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

/** Month `YYYY-MM`. */
export const Month = withLength(
  z
    .string()
    .check(phrased(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/), { zh: '应为年月，格式YYYY-MM', en: 'must be a month as YYYY-MM' })),
  'YYYY-MM'.length,
);

/** An instant in ISO 8601 with `Z` or an offset; at most nanosecond digits (35 characters). */
export const Timestamp = z.iso.datetime({ offset: true }).check(z.maxLength(35));

/**
 * An instant the API writes for people to read: China time, `+08:00`
 * (e.g. `2026-12-01T10:30:00.000+08:00`). The same instant as UTC, so
 * clients that parse dates read the same moment.
 */
export const ChinaTimestamp = withLength(
  z.iso
    .datetime({ offset: true })
    .check(phrased(z.regex(/\+08:00$/), { zh: '应为北京时间（+08:00）', en: 'must be China time (+08:00)' })),
  29,
  /\+08:00$/,
);

export const CaseId = z.string().check(phrased(z.uuid(), { zh: '应为案件ID（UUID）', en: 'must be a case id (UUID)' }));

/** `<union code>-<YYYYMMDD>-<NNNN>`, more digits past 9999 (see formatCaseNumber). */
export const CaseNumber = withLength(
  z.string().check(
    phrased(z.regex(/^\d{6}-\d{8}-\d{4,6}$/), {
      zh: '应为案件编号，如210102-20261121-0001',
      en: 'must be a case number like 210102-20261121-0001',
    }),
  ),
  '210102-20261121-000001'.length,
);

/** Text the API writes (names, labels, messages); the bound is documentation for clients. */
export function shownText(maxLength: number) {
  return z.string().check(z.maxLength(maxLength));
}

/** A staff member's `sub` at the sign-in issuer: at most 255 ASCII characters (OpenID Connect Core §2). */
export const StaffSubject = shownText(255);

/** A union's or region's division code as the API writes it (validated when it came in). */
export const UnionCodeView = z.string().check(z.regex(IDENTIFIER_SHAPES.divisionCode), z.maxLength(6));

/** An employer's 统一社会信用代码 as the API writes it (validated when it came in). */
export const CreditCodeView = z.string().check(z.regex(IDENTIFIER_SHAPES.creditCode), z.maxLength(18));

/** A union's name (provisioning accepts at most 50 characters). */
export const UnionName = shownText(50);
