import * as z from 'zod/mini';

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

/** Calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

/** Month `YYYY-MM`. */
export const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'));

export const CaseId = z.string().check(z.uuid('must be a case id (UUID)'));

/** Describes a schema for OpenAPI (id makes it a named component). */
export function documented<S extends z.ZodMiniType>(schema: S, meta: z.core.GlobalMeta): S {
  z.globalRegistry.add(schema, meta);
  return schema;
}
