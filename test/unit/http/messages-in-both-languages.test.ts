import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError, type FieldIssue, type Message, type Phrase } from '../../../shared/domain/errors.js';

/**
 * Every sentence an error carries has a Chinese and an English form: staff
 * read Chinese unless they ask for English, workers always read Chinese. The
 * type makes a one-language message fail to compile; the walk over the source
 * catches what the type cannot (a Phrase whose Chinese is not Chinese, the
 * one-form escape hatch used where it is not meant).
 */

const ROOT = join(import.meta.dirname, '../../..');
const SOURCE_DIRECTORIES = ['shared', 'functions'];

/** The only files that may say something one way for every reader (see sameInEveryLanguage). */
const ONE_FORM_ALLOWED = new Set(['shared/domain/errors.ts', 'shared/http/issues.ts']);

/** Files whose `{ path, message }` are not an API's error details. */
const NOT_ERROR_DETAILS = new Set([
  // The problems of a provisioning file, printed to the operator who runs scripts/provision.ts; no route answers them.
  'shared/domain/holiday-calendar.ts',
  'shared/domain/provisioning.ts',
  // The OpenAPI example of an error body: already rendered, in one language.
  'shared/schemas/error.ts',
]);

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const SOURCES = SOURCE_DIRECTORIES.flatMap(sourceFiles).map((path) => ({
  path: relative(ROOT, join(ROOT, path)).replaceAll('\\', '/'),
  text: readFileSync(join(ROOT, path), 'utf8'),
}));

const HAN = /\p{Script=Han}/u;
/** Chinese writing: Han characters or Chinese punctuation (a separator such as `；` is a Chinese form too). */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Where in `text` each match of `pattern` starts, as `path:line`, with the matched text. */
function occurrences(pattern: RegExp, sources = SOURCES): string[] {
  return sources.flatMap(({ path, text }) =>
    [...text.matchAll(pattern)].map((match) => `${path}:${text.slice(0, match.index).split('\n').length}: ${match[0]}`),
  );
}

describe('error messages in both languages', () => {
  it('does not let an AppError or a field issue carry a plain string', () => {
    expectTypeOf<string>().not.toExtend<Message>();
    expectTypeOf<FieldIssue['message']>().toEqualTypeOf<Phrase>();
    expectTypeOf<ConstructorParameters<typeof AppError>[1]>().toEqualTypeOf<Phrase>();
  });

  it('finds the source it walks', () => {
    expect(SOURCES.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['shared/domain/case-work.ts', 'shared/usecases/dispatch.ts', 'functions/routes.ts']),
    );
  });

  it('writes no AppError with a string literal for its message', () => {
    expect(occurrences(/new AppError\(\s*'[A-Z_]+',\s*['"`]/g)).toEqual([]);
  });

  it('writes no field issue or custom zod check with a string literal for its message', () => {
    const details = SOURCES.filter(({ path }) => !NOT_ERROR_DETAILS.has(path));
    expect(occurrences(/\{\s*path:\s*[^{}]*?message:\s*['"`]/g, details)).toEqual([]);
    expect(occurrences(/z\.(?:regex|refine|check|superRefine)\([^()]*(?:\([^()]*\)[^()]*)*,\s*['"`]/g)).toEqual([]);
    // A format check's message given as its only argument, e.g. z.uuid('must be …').
    expect(occurrences(/\bz\.(?:uuid|email|url|regex|iso\.\w+|int|string|number)\(\s*['"`]/g)).toEqual([]);
  });

  it('gives every phrase a Chinese form that is Chinese and an English form that is not', () => {
    const chineseForms = SOURCES.flatMap(({ path, text }) =>
      [...text.matchAll(/\bzh:\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((match) => ({ path, words: match[2]! })),
    );
    const englishForms = SOURCES.flatMap(({ path, text }) =>
      [...text.matchAll(/\ben:\s*(['`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((match) => ({ path, words: match[2]! })),
    );
    expect(chineseForms.length).toBeGreaterThan(100);
    // `${...}` interpolations (an amount, a field name, a hint that may be empty) are not words of either language.
    const words = (form: string) => form.replaceAll(/\$\{[^}]*\}/g, '');
    expect(chineseForms.filter(({ words: form }) => words(form) !== '' && !CHINESE.test(words(form)))).toEqual([]);
    expect(englishForms.filter(({ words: form }) => HAN.test(words(form)))).toEqual([]);
  });

  it('says something in one form for every reader only where the words have one form', () => {
    const users = SOURCES.filter(({ text }) => text.includes('sameInEveryLanguage(')).map(({ path }) => path);
    expect(users.filter((path) => !ONE_FORM_ALLOWED.has(path))).toEqual([]);
  });
});
