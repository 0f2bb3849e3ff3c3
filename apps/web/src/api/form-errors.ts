import { ApiError } from './errors';

/** `body.email` → `email`, `body.address.city` → `address.city`, `query.limit` → `limit`. */
export function formFieldName(field: string): string {
  return field.replace(/^(body|querystring|query|params|headers)(\.|$)/, '');
}

/** Domain errors name their field at the start of the detail: `currentPassword: is not correct`. */
const DETAIL_FIELD = /^([A-Za-z][\w.]*): (.+)$/s;

/** The field errors of an API error, keyed by form field path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const fields = [...error.fieldErrors];
  const named = DETAIL_FIELD.exec(error.problem.detail ?? '');
  if (!fields.length && named) fields.push({ field: named[1]!, message: named[2]! });
  for (const e of fields) {
    const name = formFieldName(e.field);
    if (name && !(name in out)) out[name] = e.message;
  }
  return out;
}

interface FormLike {
  setFieldError(path: string, error: string): void;
  getValues(): object;
}

function hasPath(values: object, path: string): boolean {
  let cur: unknown = values;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !(key in cur)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Puts the hub's field errors next to the Mantine form fields they concern. Returns what is left
 * to show above the form: the problem's detail when no field matched, otherwise undefined.
 */
export function applyApiErrors(
  form: FormLike,
  error: unknown,
  aliases: Record<string, string> = {},
): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Something went wrong';
  let placed = 0;
  for (const [name, message] of Object.entries(fieldErrorsOf(error))) {
    const target = aliases[name] ?? name;
    if (hasPath(form.getValues(), target)) {
      form.setFieldError(target, message);
      placed++;
    }
  }
  return placed ? undefined : error.problem.detail || error.problem.title;
}
