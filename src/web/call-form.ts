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

/** The two rubric editors of the call form: the rubric, and a two-stage call's outline rubric. */
export type RubricField = 'rubric' | 'outlineRubric';

function rubricToForm(
  rubric: Rubric,
  values: FormState['values'],
  locale: Locale,
  name: RubricField = 'rubric',
): void {
  const n = (v: number) => formatInputNumber(v, locale, 'decimal');
  rubric.criteria.forEach((c, i) => {
    values[`${name}.criteria.${i}.key`] = c.key;
    values[`${name}.criteria.${i}.label.de`] = c.label.de;
    values[`${name}.criteria.${i}.label.en`] = c.label.en;
    for (const field of CRITERION_FIELDS) values[`${name}.criteria.${i}.${field}`] = n(c[field]);
  });
  values[`${name}.overallThreshold`] = n(rubric.overallThreshold);
  values[`${name}.disagreementDelta`] = n(rubric.disagreementDelta);
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
    values.reviewsPerProposal = String(call.reviewsPerProposal);
    values.minReviews = String(call.minReviews);
    values.maxLoadPerReviewer = String(call.maxLoadPerReviewer);
    values.reviewPeriodDays = String(call.reviewPeriodDays);
    values.revisionPeriodDays = String(call.revisionPeriodDays);
    values.expectedVersion = String(call.version);
    rubricToForm(call.rubric, values, locale);
    if (call.outlineRubric) rubricToForm(call.outlineRubric, values, locale, 'outlineRubric');
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
    // The outline rubric starts without rows (a copy of the rubric), with the default overall rules.
    const { overallThreshold, disagreementDelta } = defaultRubric();
    values['outlineRubric.overallThreshold'] = formatInputNumber(overallThreshold, locale, 'decimal');
    values['outlineRubric.disagreementDelta'] = formatInputNumber(disagreementDelta, locale, 'decimal');
  }
  return values;
}

export function criterionRowCount(values: FormState['values'], name: RubricField = 'rubric'): number {
  let rows = 0;
  const row = new RegExp(`^${name}\\.criteria\\.(\\d+)\\.`);
  for (const key of Object.keys(values)) {
    const match = row.exec(key);
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
    minReviews: whole('minReviews'),
    maxLoadPerReviewer: whole('maxLoadPerReviewer'),
    reviewPeriodDays: whole('reviewPeriodDays'),
    revisionPeriodDays: whole('revisionPeriodDays'),
    expectedVersion: numberField(one(body, 'expectedVersion')),
  };
  if (withRubric) {
    result.topics = lines(one(body, 'topics'));
    result.reviewsPerProposal = whole('reviewsPerProposal');
    result.rubric = rubricBody(body, 'rubric', decimal);
    // A two-stage call's outline rubric; left empty, the call takes a copy of the rubric.
    if (one(body, 'procedure') === 'two-stage') {
      const outline = rubricBody(body, 'outlineRubric', decimal);
      if (outline.criteria.length > 0) result.outlineRubric = outline;
    }
  }
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}

/** One rubric editor's rows as the API's rubric; empty rows are dropped. */
function rubricBody(
  body: FormBody,
  name: RubricField,
  decimal: (field: string) => number | undefined,
): { criteria: Record<string, unknown>[]; overallThreshold?: number; disagreementDelta?: number } {
  const criteria: Record<string, unknown>[] = [];
  for (let i = 0; i < criterionRowCount(body, name); i++) {
    const row = `${name}.criteria.${i}.`;
    const f = (field: string) => one(body, row + field);
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
  return {
    criteria,
    overallThreshold: decimal(`${name}.overallThreshold`),
    disagreementDelta: decimal(`${name}.disagreementDelta`),
  };
}
