import * as z from 'zod/mini';
import { IDENTIFIER_SHAPES } from '../domain/identifiers.js';

/**
 * Building blocks shared by every route schema. zod/mini (not classic zod):
 * it tree-shakes to ~18 KiB per function bundle against ~90 KiB, which is
 * what keeps each function within its cold-start budget (see `npm run bench`).
 */

/** A refinement from one of the domain's `…Problem(value)` validators. */
export function validatedBy(problem: (value: string) => string | null) {
  return z.superRefine<string>((value, ctx) => {
    const reason = problem(value);
    if (reason !== null) ctx.addIssue({ code: 'custom', message: reason, input: value });
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
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')),
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
  z.iso.datetime({ offset: true }).check(z.regex(/\+08:00$/, 'must be China time (+08:00)')),
  29,
  /\+08:00$/,
);

export const CaseId = z.string().check(z.uuid('must be a case id (UUID)'));

/** `<union code>-<YYYYMMDD>-<NNNN>`, more digits past 9999 (see formatCaseNumber). */
export const CaseNumber = withLength(
  z.string().check(z.regex(/^\d{6}-\d{8}-\d{4,6}$/, 'must be a case number like 210102-20261121-0001')),
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
