import type { FormInstance } from 'antd';
import { ApiError } from '../api/errors';

/**
 * Puts the API's field errors beside the form's fields. `rename` maps an API
 * path to the form's own field where they differ (e.g. amountClaimedFen is
 * typed as yuan). Returns the problems no field showed, for a banner.
 */
export function showFieldErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): string[] {
  if (!(error instanceof ApiError)) return [];
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const unshown: string[] = [];
  const fields = error.fields.flatMap((problem) => {
    const path = (rename[problem.path] ?? problem.path).split('.');
    if (!path[0] || !known.has(path[0])) {
      unshown.push(problem.message);
      return [];
    }
    return [{ name: path, errors: [problem.message] }];
  });
  form.setFields(fields);
  return unshown;
}
