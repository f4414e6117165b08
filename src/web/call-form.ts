import type { CallView } from '@/calls/calls.service';
import { defaultRubric, type Rubric } from '@/calls/rubric';
import { fromBerlinLocalInput, toBerlinLocalInput } from './berlin-time';
import type { FormState } from './form-state';
import { FormBody, lines, numberField, one } from './form-input';

const CRITERION_FIELDS = ['weight', 'min', 'max', 'step', 'threshold'] as const;
/** Empty criterion rows offered below the existing ones. */
export const EXTRA_CRITERION_ROWS = 2;

function rubricToForm(rubric: Rubric, values: FormState['values']): void {
  rubric.criteria.forEach((c, i) => {
    values[`rubric.criteria.${i}.key`] = c.key;
    values[`rubric.criteria.${i}.label.de`] = c.label.de;
    values[`rubric.criteria.${i}.label.en`] = c.label.en;
    for (const field of CRITERION_FIELDS) values[`rubric.criteria.${i}.${field}`] = String(c[field]);
  });
  values['rubric.overallThreshold'] = String(rubric.overallThreshold);
  values['rubric.disagreementDelta'] = String(rubric.disagreementDelta);
}

/** Form fields of a stored call, or of a new one (default rubric, a four-week window). */
export function callToForm(call: CallView | null): FormState['values'] {
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
    rubricToForm(call.rubric, values);
  } else {
    const now = Date.now();
    values.opensAt = toBerlinLocalInput(new Date(now));
    values.submissionDeadline = toBerlinLocalInput(new Date(now + 28 * 86_400_000));
    values.reviewsPerProposal = '3';
    values.minReviews = '2';
    values.maxLoadPerReviewer = '10';
    values.reviewPeriodDays = '21';
    values.revisionPeriodDays = '30';
    rubricToForm(defaultRubric(), values);
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
 * The API body from the form. `withRubric` false leaves rubric, topics and k out (fixed once the call
 * is open). Criterion rows without a key are dropped; the rest keep their row numbers as long as no
 * earlier row was dropped, so errors (`rubric.criteria.N.step`) land on the row the user sees.
 */
export function callBody(body: FormBody, withRubric: boolean): Record<string, unknown> {
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
    minReviews: numberField(one(body, 'minReviews')),
    maxLoadPerReviewer: numberField(one(body, 'maxLoadPerReviewer')),
    reviewPeriodDays: numberField(one(body, 'reviewPeriodDays')),
    revisionPeriodDays: numberField(one(body, 'revisionPeriodDays')),
    expectedVersion: numberField(one(body, 'expectedVersion')),
  };
  if (withRubric) {
    result.topics = lines(one(body, 'topics'));
    result.reviewsPerProposal = numberField(one(body, 'reviewsPerProposal'));
    const criteria: Record<string, unknown>[] = [];
    for (let i = 0; i < criterionRowCount(body); i++) {
      const f = (name: string) => one(body, `rubric.criteria.${i}.${name}`);
      if (f('key').trim() === '') continue;
      const criterion: Record<string, unknown> = {
        key: f('key').trim(),
        label: { de: f('label.de').trim(), en: f('label.en').trim() },
      };
      for (const field of CRITERION_FIELDS) criterion[field] = numberField(f(field)) ?? f(field);
      criteria.push(criterion);
    }
    result.rubric = {
      criteria,
      overallThreshold:
        numberField(one(body, 'rubric.overallThreshold')) ?? one(body, 'rubric.overallThreshold'),
      disagreementDelta:
        numberField(one(body, 'rubric.disagreementDelta')) ?? one(body, 'rubric.disagreementDelta'),
    };
  }
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}
