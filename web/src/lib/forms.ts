import type { FormInstance } from 'antd';
import { ApiError } from '../api/errors';

/** The messages the API put beside each form's fields, so an edit clears those and never a rule's own. */
const apiMessages = new WeakMap<FormInstance, Set<string>>();

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
  apiMessages.set(form, new Set(fields.flatMap(({ errors }) => errors)));
  return unshown;
}

/**
 * For a Form's `onValuesChange`: an error the API put beside a field goes as
 * soon as the field is edited. A field without rules of its own (an optional
 * credit code) is not validated on change, so the corrected value would
 * otherwise keep showing the complaint about the old one.
 */
export function clearApiErrorsOnEdit(form: FormInstance) {
  return (changedValues: object) => {
    const fromApi = apiMessages.get(form);
    if (!fromApi) return;
    const edited = form
      .getFieldsError()
      .filter(({ name, errors }) => errors.some((message) => fromApi.has(message)) && holds(changedValues, name));
    if (edited.length > 0) form.setFields(edited.map(({ name }) => ({ name, errors: [] })));
  };
}

/** Whether `values` (a Form's nested changed values) has an entry at `path`. */
function holds(values: unknown, path: readonly (string | number)[]): boolean {
  let at = values;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return true;
}
