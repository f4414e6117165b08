import { Problem } from '@/common/problem';
import type { Locale } from '@/users/user.entity';
import { localizeServerMessage } from './i18n/i18n';
import { problemText } from './i18n/problem-text';

/** What the user typed (as form field names → raw strings) and why the server refused it. */
export interface FormState {
  values: Record<string, string | string[]>;
  /** Field name (the API's `errors[].field`) → reasons shown next to that field. */
  errors: Record<string, string[]>;
  /** A refusal that belongs to no single field (wrong state, too large, …). */
  formError: string | null;
  status: number;
}

export const emptyForm = (values: FormState['values'] = {}): FormState => ({
  values,
  errors: {},
  formError: null,
  status: 200,
});

/**
 * Turns a service refusal into a form to show again with the input kept. 400 field errors go next to
 * their fields; 403/409/413/415/429 become the form's message, worded from the problem code in the
 * user's language. Anything else (404, 500) is rethrown: there is no form to show then.
 */
export function refusedForm(error: unknown, values: FormState['values'], locale: Locale): FormState {
  if (!(error instanceof Problem)) throw error;
  const status = error.getStatus();
  if (![400, 401, 403, 409, 413, 415, 429].includes(status)) throw error;
  const errors: Record<string, string[]> = {};
  const fieldErrors = (error.extra.errors ?? []) as { field: string; messages: string[] }[];
  for (const { field, messages } of fieldErrors) {
    errors[field] = [...(errors[field] ?? []), ...messages.map((m) => localizeServerMessage(m, locale))];
  }
  const formError = fieldErrors.length > 0 ? null : problemText(error, locale);
  return { values, errors, formError, status };
}
