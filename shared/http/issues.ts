import type * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { sameInEveryLanguage, type FieldIssue, type Phrase } from '../domain/errors.js';
import { productPhrase } from '../schemas/common.js';
import type { Language } from './language.js';

type Issue = z.core.$ZodIssue;

/** zod's own Chinese messages (its zh-CN locale), for every issue the product has no words of its own for. */
const chineseLocale = zhCN().localeError;

/**
 * The error map a request's schemas are parsed with, per call: one process
 * answers workers in Chinese and staff in English. Undefined for English:
 * zod's global map (shared/schemas/common.ts) already gives the product's
 * English words, and toFieldIssues writes the rest.
 */
export function errorMapFor(language: Language): z.core.$ZodErrorMap | undefined {
  if (language === 'en') return undefined;
  return (issue) => productPhrase(issue as Parameters<typeof productPhrase>[0])?.zh ?? chineseLocale(issue);
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The product's words for the two issues every client meets: a field left out, a field it does not know. */
const REQUIRED: Phrase = { zh: '为必填项', en: 'is required' };
const UNKNOWN_FIELD: Phrase = { zh: '不是可识别的字段', en: 'is not a known field' };

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date as YYYY-MM-DD',
  datetime: 'a date-time in ISO 8601 with offset, e.g. 2026-11-21T09:30:00+08:00',
  uuid: 'a UUID',
  regex: 'in the expected format',
};

function sizeWords(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const relation = issue.code === 'too_small' ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string':
      return `must be ${relation} ${bound} characters`;
    case 'array':
      return `must have ${relation} ${bound} items`;
    default:
      return `must be ${relation} ${bound}`;
  }
}

/**
 * Turns zod issues into the error body's `details`: a field path and a
 * sentence a hotline operator (or, in Chinese, a worker) can act on. Paths and
 * codes are the same in every language. The rejected value itself is never
 * echoed (it may be personal information).
 */
export function toFieldIssues(issues: readonly Issue[], language: Language = 'en'): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: joinPath([...path, key]),
        code: 'unknown_field',
        message: UNKNOWN_FIELD,
      }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [{ path: joinPath(path), code: 'required', message: REQUIRED }];
    }
    // In Chinese, the message is already in the product's words or zod's zh-CN locale (see errorMapFor): the
    // issues were parsed in one language, so the words they carry are the only ones there are.
    const message = language === 'zh' ? issue.message : englishWords(issue);
    return [{ path: joinPath(path), code: issue.code, message: sameInEveryLanguage(message) }];
  });
}

function englishWords(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return sizeWords(issue);
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    int: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
  };
  return words[expected] ?? `a ${expected}`;
}
