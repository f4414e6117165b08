import type { ProposalView } from '@/proposals/proposals.service';
import type { Locale } from '@/users/user.entity';
import type { FormState } from './form-state';
import { FormBody, many, numberField, one } from './form-input';
import { formatInputNumber } from './format-numbers';
import type { NumberFields } from './number-input';

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
  });
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
export function proposalBody(body: FormBody, numbers: NumberFields): Record<string, unknown> {
  const rows = partnerRowCount(body);
  const partners: Record<string, unknown>[] = [];
  const rowIndex: number[] = [];
  for (let i = 0; i < rows; i++) {
    const name = one(body, `partners.${i}.name`).trim();
    const city = one(body, `partners.${i}.city`).trim();
    if (name === '' && city === '') continue;
    const kind = one(body, `partners.${i}.kind`);
    partners.push({ name, kind, city });
    rowIndex.push(i);
  }
  const result: Record<string, unknown> = {
    title: one(body, 'title'),
    acronym: one(body, 'acronym'),
    abstract: one(body, 'abstract'),
    topics: many(body, 'topics'),
    partners,
    requestedFundingEur: numbers.read('requestedFundingEur', one(body, 'requestedFundingEur'), 'whole'),
    durationMonths: numbers.read('durationMonths', one(body, 'durationMonths'), 'whole'),
  };
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
