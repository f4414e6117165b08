import type { CallView } from '@/calls/calls.service';
import type { CallQuestion, EligibleIf } from '@/calls/questions';
import { fromBerlinLocalInput, toBerlinLocalInput } from './berlin-time';
import { keyFromLabel } from './call-form';
import type { FormState } from './form-state';
import { FormBody, one } from './form-input';
import type { NumberFields } from './number-input';

/** Empty question rows offered below the existing ones. */
export const EXTRA_QUESTION_ROWS = 2;
const YES = new Set(['ja', 'yes', 'true']);
const NO = new Set(['nein', 'no', 'false']);
const list = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The eligible answer as typed in the editor: yes/no for yes-no questions, a list for choices. */
function eligibleText(q: CallQuestion): string {
  const cond = q.eligibleIf;
  if (!cond) return '';
  if (cond.oneOf) return cond.oneOf.join(', ');
  if (typeof cond.equals === 'boolean') return cond.equals ? 'ja' : 'nein';
  return cond.equals === undefined ? '' : String(cond.equals);
}

/** Question rows, procedure and stage deadlines of a stored call into the form's values. */
export function stagesToForm(call: CallView | null, values: FormState['values']): void {
  values.procedure = call?.procedure ?? 'single';
  values.outlineReviews = String(call?.outlineReviews ?? 2);
  if (call?.outlineDeadline) values.outlineDeadline = toBerlinLocalInput(call.outlineDeadline);
  if (call?.fullProposalDeadline) values.fullProposalDeadline = toBerlinLocalInput(call.fullProposalDeadline);
  (call?.questions ?? []).forEach((q, i) => {
    const n = `questions.${i}.`;
    values[`${n}key`] = q.key;
    values[`${n}label.de`] = q.label.de;
    values[`${n}label.en`] = q.label.en;
    values[`${n}type`] = q.type;
    values[`${n}required`] = q.required ? 'yes' : 'no';
    values[`${n}choices`] = (q.choices ?? []).join(', ');
    values[`${n}eligible`] = eligibleText(q);
  });
}

export function questionRowCount(values: Record<string, unknown>): number {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const match = /^questions\.(\d+)\./.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]) + 1);
  }
  return Math.min(rows, 50);
}

/**
 * The API fields of the question editor and the stage settings. Rows without labels are dropped; a
 * new row's key comes from its label as for criteria. `withQuestions` false (call open) leaves the
 * questions and the procedure out: they are fixed once the call opens.
 */
export function stagesBody(
  body: FormBody,
  withQuestions: boolean,
  numbers: NumberFields,
): Record<string, unknown> {
  const date = (name: string) => {
    const text = one(body, name).trim();
    return text === '' ? undefined : fromBerlinLocalInput(text);
  };
  const result: Record<string, unknown> = {};
  const twoStage = one(body, 'procedure') === 'two-stage';
  if (twoStage) {
    result.outlineDeadline = date('outlineDeadline');
    result.fullProposalDeadline = date('fullProposalDeadline');
  }
  if (withQuestions) {
    result.procedure = twoStage ? 'two-stage' : 'single';
    if (twoStage)
      result.outlineReviews = numbers.read('outlineReviews', one(body, 'outlineReviews'), 'whole');
    const questions: Record<string, unknown>[] = [];
    for (let i = 0; i < questionRowCount(body); i++) {
      const f = (name: string) => one(body, `questions.${i}.${name}`).trim();
      const label = { de: f('label.de'), en: f('label.en') };
      if (f('key') === '' && label.de === '' && label.en === '') continue;
      const type = f('type') || 'boolean';
      const question: Record<string, unknown> = {
        key: f('key') || keyFromLabel(label.en || label.de),
        label,
        type,
        required: f('required') === 'yes',
      };
      if (type === 'choice') question.choices = list(f('choices'));
      const eligible = f('eligible');
      if (eligible !== '') {
        const cond: EligibleIf = {};
        const word = eligible.toLowerCase();
        if (type === 'boolean' && (YES.has(word) || NO.has(word))) cond.equals = YES.has(word);
        else if (type === 'choice') cond.oneOf = list(eligible);
        else cond.equals = eligible;
        question.eligibleIf = cond;
      }
      questions.push(question);
    }
    result.questions = questions;
  }
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}
