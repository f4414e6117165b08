import type { CallQuestion } from '@/calls/questions';
import type { ProposalView } from '@/proposals/proposals.service';
import type { Locale } from '@/users/user.entity';
import type { FormState } from './form-state';
import { FormBody, many, numberField, one } from './form-input';
import { formatInputNumber } from './format-numbers';
import type { NumberFields } from './number-input';
import { budgetToForm, rowBudget, rowHasBudget } from './budget-form';

/** Partner rows on the form: the existing ones plus a few empty ones to fill in. */
export const EXTRA_PARTNER_ROWS = 2;
const MAX_PARTNER_ROWS = 30;

/** The form fields of a stored proposal (names = the API's field paths). */
export function proposalToForm(p: ProposalView, locale: Locale): FormState['values'] {
  const values: FormState['values'] = {
    title: p.title,
    acronym: p.acronym,
    abstract: p.abstract,
    topics: p.topics,
    requestedFundingEur: formatInputNumber(p.requestedFundingEur, locale),
    durationMonths: formatInputNumber(p.durationMonths, locale),
    expectedVersion: String(p.version),
  };
  p.partners.forEach((partner, i) => {
    values[`partners.${i}.name`] = partner.name;
    values[`partners.${i}.kind`] = partner.kind;
    values[`partners.${i}.city`] = partner.city;
    budgetToForm(partner, i, values, (n, kind) => formatInputNumber(n, locale, kind));
  });
  for (const [key, value] of Object.entries(p.answers ?? {})) {
    values[`answers.${key}`] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  }
  return values;
}

/** How many partner rows the posted or stored form has (filled or not). */
export function partnerRowCount(values: FormState['values']): number {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const match = /^partners\.(\d+)\./.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]) + 1);
  }
  return Math.min(rows, MAX_PARTNER_ROWS);
}

/** The values to keep from a post: exactly the form's own fields. */
export function keptProposalValues(body: FormBody): FormState['values'] {
  const kept: FormState['values'] = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    kept[key] = value;
  }
  kept.topics = many(body, 'topics');
  return kept;
}

/**
 * The API body from the posted form. Rows left entirely empty are dropped; a row filled in part is sent
 * as it is, so the API names the missing field (`partners.N.name`) and the page shows it at that row.
 */
export function proposalBody(
  body: FormBody,
  numbers: NumberFields,
  questions: CallQuestion[] = [],
): Record<string, unknown> {
  const rows = partnerRowCount(body);
  const partners: Record<string, unknown>[] = [];
  const rowIndex: number[] = [];
  for (let i = 0; i < rows; i++) {
    const name = one(body, `partners.${i}.name`).trim();
    const city = one(body, `partners.${i}.city`).trim();
    if (name === '' && city === '' && !rowHasBudget(body, i)) continue;
    const kind = one(body, `partners.${i}.kind`);
    partners.push({ name, kind, city, ...(rowHasBudget(body, i) ? rowBudget(body, i, numbers) : {}) });
    rowIndex.push(i);
  }
  // With budgets the request is derived; the typed field counts only for proposals without them.
  const derived = partners.some((p) => 'costs' in p);
  const result: Record<string, unknown> = {
    title: one(body, 'title'),
    acronym: one(body, 'acronym'),
    abstract: one(body, 'abstract'),
    topics: many(body, 'topics'),
    partners,
    requestedFundingEur: derived
      ? undefined
      : numbers.read('requestedFundingEur', one(body, 'requestedFundingEur'), 'whole'),
    durationMonths: numbers.read('durationMonths', one(body, 'durationMonths'), 'whole'),
  };
  const answers = answersFromBody(body, questions, numbers);
  if (answers) result.answers = answers;
  const version = numberField(one(body, 'expectedVersion'));
  if (version !== undefined) result.expectedVersion = version;
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  // The API numbers partners after dropping empty rows; the page numbers rows as shown.
  Object.defineProperty(result, 'partnerRows', { value: rowIndex, enumerable: false });
  return result;
}

/** Maps `partners.<i>.x` errors from API numbering back to the row numbers on the page. */
export function remapPartnerErrors(form: FormState, body: Record<string, unknown>): FormState {
  const rows = (body as { partnerRows?: number[] }).partnerRows ?? [];
  const errors: FormState['errors'] = {};
  for (const [field, messages] of Object.entries(form.errors)) {
    const match = /^partners\.(\d+)(\..*)?$/.exec(field);
    const target =
      match && rows[Number(match[1])] !== undefined
        ? `partners.${rows[Number(match[1])]}${match[2] ?? ''}`
        : field;
    errors[target] = messages;
  }
  return { ...form, errors };
}

/**
 * Answers as typed: yes/no selects for boolean questions, German numbers for number questions, the
 * rest as text; an empty field clears the answer (null).
 */
function answersFromBody(
  body: FormBody,
  questions: CallQuestion[],
  numbers: NumberFields,
): Record<string, boolean | number | string | null> | undefined {
  if (questions.length === 0) return undefined;
  const answers: Record<string, boolean | number | string | null> = {};
  for (const q of questions) {
    const name = `answers.${q.key}`;
    if (!(name in body)) continue;
    const raw = one(body, name).trim();
    if (raw === '') answers[q.key] = null;
    else if (q.type === 'boolean') answers[q.key] = raw === 'yes' ? true : raw === 'no' ? false : raw;
    else if (q.type === 'number') answers[q.key] = numbers.read(name, raw, 'decimal') ?? null;
    else answers[q.key] = raw;
  }
  return answers;
}
