import type { CallView } from '@/calls/calls.service';
import { defaultRubric, type Rubric } from '@/calls/rubric';
import { fromBerlinLocalInput, toBerlinLocalInput } from './berlin-time';
import type { Locale } from '@/users/user.entity';
import type { FormState } from './form-state';
import { FormBody, lines, numberField, one } from './form-input';
import { formatInputNumber } from './format-numbers';
import type { NumberFields } from './number-input';

const CRITERION_FIELDS = ['weight', 'min', 'max', 'step', 'threshold'] as const;
/** Empty criterion rows offered below the existing ones. */
export const EXTRA_CRITERION_ROWS = 2;

function rubricToForm(rubric: Rubric, values: FormState['values'], locale: Locale): void {
  const n = (v: number) => formatInputNumber(v, locale, 'decimal');
  rubric.criteria.forEach((c, i) => {
    values[`rubric.criteria.${i}.key`] = c.key;
    values[`rubric.criteria.${i}.label.de`] = c.label.de;
    values[`rubric.criteria.${i}.label.en`] = c.label.en;
    for (const field of CRITERION_FIELDS) values[`rubric.criteria.${i}.${field}`] = n(c[field]);
  });
  values['rubric.overallThreshold'] = n(rubric.overallThreshold);
  values['rubric.disagreementDelta'] = n(rubric.disagreementDelta);
}

/** Form fields of a stored call, or of a new one (default rubric, a four-week window). */
export function callToForm(call: CallView | null, locale: Locale): FormState['values'] {
  const values: FormState['values'] = {};
  if (call) {
    values.title = call.title;
    values.description = call.description;
    values.topics = call.topics.join('\n');
    values.opensAt = toBerlinLocalInput(call.opensAt);
    values.submissionDeadline = toBerlinLocalInput(call.submissionDeadline);
    values.steeringMeetingAt = toBerlinLocalInput(call.steeringMeetingAt);
    values.votingClosesAt = toBerlinLocalInput(call.votingClosesAt);
    values.reviewsPerProposal = String(call.reviewsPerProposal);
    values.minReviews = String(call.minReviews);
    values.maxLoadPerReviewer = String(call.maxLoadPerReviewer);
    values.reviewPeriodDays = String(call.reviewPeriodDays);
    values.revisionPeriodDays = String(call.revisionPeriodDays);
    values.expectedVersion = String(call.version);
    rubricToForm(call.rubric, values, locale);
  } else {
    const now = Date.now();
    values.opensAt = toBerlinLocalInput(new Date(now));
    values.submissionDeadline = toBerlinLocalInput(new Date(now + 28 * 86_400_000));
    values.reviewsPerProposal = '3';
    values.minReviews = '2';
    values.maxLoadPerReviewer = '10';
    values.reviewPeriodDays = '21';
    values.revisionPeriodDays = '30';
    rubricToForm(defaultRubric(), values, locale);
  }
  return values;
}

export function criterionRowCount(values: FormState['values']): number {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const match = /^rubric\.criteria\.(\d+)\./.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]) + 1);
  }
  return Math.min(rows, 20);
}

/** The posted values to show again (all fields as typed). */
export function keptCallValues(body: FormBody): FormState['values'] {
  const { _csrf: _ignored, ...rest } = body;
  return rest;
}

/**
 * A criterion's key from its label, for rows the office adds: the key is stored with every score, people
 * only ever see the label ("Klimawirkung" → "klimawirkung", "Climate impact" → "climate_impact").
 */
export function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return key.slice(0, 50).replace(/_+$/, '');
}

/**
 * The API body from the form. `withRubric` false leaves rubric, topics and k out (fixed once the call
 * is open). Criterion rows left empty are dropped; the rest keep their row numbers as long as no
 * earlier row was dropped, so errors (`rubric.criteria.N.step`) land on the row the user sees.
 */
export function callBody(
  body: FormBody,
  withRubric: boolean,
  numbers: NumberFields,
): Record<string, unknown> {
  const whole = (name: string) => numbers.read(name, one(body, name), 'whole');
  const decimal = (name: string) => numbers.read(name, one(body, name), 'decimal');
  const date = (name: string) => {
    const text = one(body, name).trim();
    return text === '' ? undefined : fromBerlinLocalInput(text);
  };
  const result: Record<string, unknown> = {
    title: one(body, 'title'),
    description: one(body, 'description'),
    opensAt: date('opensAt'),
    submissionDeadline: date('submissionDeadline'),
    steeringMeetingAt: date('steeringMeetingAt'),
    votingClosesAt: date('votingClosesAt'),
    minReviews: whole('minReviews'),
    maxLoadPerReviewer: whole('maxLoadPerReviewer'),
    reviewPeriodDays: whole('reviewPeriodDays'),
    revisionPeriodDays: whole('revisionPeriodDays'),
    expectedVersion: numberField(one(body, 'expectedVersion')),
  };
  if (withRubric) {
    result.topics = lines(one(body, 'topics'));
    result.reviewsPerProposal = whole('reviewsPerProposal');
    const criteria: Record<string, unknown>[] = [];
    for (let i = 0; i < criterionRowCount(body); i++) {
      const row = `rubric.criteria.${i}.`;
      const f = (name: string) => one(body, row + name);
      const labels = { de: f('label.de').trim(), en: f('label.en').trim() };
      if (f('key').trim() === '' && labels.de === '' && labels.en === '') continue;
      const criterion: Record<string, unknown> = {
        // Stored rows keep their key (a hidden field); a new row takes it from its English label.
        key: f('key').trim() || keyFromLabel(labels.en || labels.de),
        label: labels,
      };
      for (const field of CRITERION_FIELDS) criterion[field] = decimal(row + field);
      criteria.push(criterion);
    }
    result.rubric = {
      criteria,
      overallThreshold: decimal('rubric.overallThreshold'),
      disagreementDelta: decimal('rubric.disagreementDelta'),
    };
  }
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}
