import type * as z from 'zod/mini';
import type { FieldIssue } from '../domain/errors.js';

type Issue = z.core.$ZodIssue;

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

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
 * sentence a hotline operator can act on. The rejected value itself is never
 * echoed (it may be personal information).
 */
export function toFieldIssues(issues: readonly Issue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path;
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: joinPath([...path, key]),
          code: 'unknown_field',
          message: 'is not a known field',
        }));
      case 'invalid_type':
        return [
          issue.input === undefined
            ? { path: joinPath(path), code: 'required', message: 'is required' }
            : { path: joinPath(path), code: 'invalid_type', message: `must be ${article(issue.expected)}` },
        ];
      case 'invalid_value':
        return [
          { path: joinPath(path), code: 'invalid_value', message: `must be one of: ${issue.values.map(String).join(', ')}` },
        ];
      case 'too_small':
      case 'too_big':
        return [{ path: joinPath(path), code: issue.code, message: sizeWords(issue) }];
      case 'invalid_format':
        return [
          {
            path: joinPath(path),
            code: 'invalid_format',
            message:
              issue.message && issue.message !== 'Invalid input'
                ? issue.message
                : `must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`,
          },
        ];
      case 'not_multiple_of':
        return [{ path: joinPath(path), code: issue.code, message: `must be a multiple of ${String(issue.divisor)}` }];
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
      case 'custom':
      default:
        return [{ path: joinPath(path), code: issue.code, message: issue.message }];
    }
  });
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
