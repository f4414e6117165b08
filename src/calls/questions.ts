import type { FieldError } from '@/common/problem';

export const QUESTION_TYPES = ['boolean', 'text', 'number', 'choice', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** When an answer makes the proposal eligible; a failed condition is a formal-check finding. */
export interface EligibleIf {
  equals?: boolean | number | string;
  oneOf?: string[];
  min?: number;
  max?: number;
}

export interface CallQuestion {
  key: string;
  label: { de: string; en: string };
  type: QuestionType;
  required: boolean;
  /** text: the longest answer (default 2,000). */
  maxLength?: number;
  /** number: the range of the answer. */
  min?: number;
  max?: number;
  /** choice: the allowed answers. */
  choices?: string[];
  eligibleIf?: EligibleIf;
}

export type Answer = boolean | number | string;

/** The longest text answer when a question sets no maxLength (the DTO caps maxLength at it too). */
export const TEXT_ANSWER_MAX = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Why `value` is no valid answer to `q`, or null. `null` clears an answer and is always valid. */
export function answerError(q: CallQuestion, value: unknown): string | null {
  if (value === null) return null;
  switch (q.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'text': {
      if (typeof value !== 'string') return 'must be a text';
      const max = q.maxLength ?? TEXT_ANSWER_MAX;
      return value.length > max ? `must be at most ${max} characters` : null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (q.min !== undefined && value < q.min) return `must not be less than ${q.min}`;
      if (q.max !== undefined && value > q.max) return `must not be greater than ${q.max}`;
      return null;
    case 'choice':
      return typeof value === 'string' && (q.choices ?? []).includes(value)
        ? null
        : `must be one of ${(q.choices ?? []).join(', ')}`;
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : 'must be a date (YYYY-MM-DD)';
  }
}

/** One error per answer at `answers.<key>`: unknown keys, wrong types, out of range. */
export function answerErrors(questions: CallQuestion[], answers: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.find((x) => x.key === key);
    const why = q ? answerError(q, value) : 'is not a question of this call';
    if (why) errors.push({ field: `answers.${key}`, messages: [why] });
  }
  return errors;
}

/** Keys of required questions without an answer, in question order. */
export function unansweredRequired(questions: CallQuestion[], answers: Record<string, unknown>): string[] {
  return questions
    .filter((q) => q.required)
    .filter((q) => answers[q.key] === undefined || answers[q.key] === null || answers[q.key] === '')
    .map((q) => q.key);
}

/** Does an answer meet the question's eligibility condition? Unanswered: not (yet). */
export function meetsCondition(cond: EligibleIf, value: Answer | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (cond.equals !== undefined && value !== cond.equals) return false;
  if (cond.oneOf !== undefined && !(typeof value === 'string' && cond.oneOf.includes(value))) return false;
  if (cond.min !== undefined && !(typeof value === 'number' && value >= cond.min)) return false;
  if (cond.max !== undefined && !(typeof value === 'number' && value <= cond.max)) return false;
  return true;
}

/** A formal-check finding: the question whose eligibility condition the answer fails. */
export interface EligibilityFinding {
  key: string;
  label: { de: string; en: string };
  answer: Answer | null;
}

export function eligibilityFindings(
  questions: CallQuestion[],
  answers: Record<string, Answer | null | undefined>,
): EligibilityFinding[] {
  return questions
    .filter((q) => q.eligibleIf && !meetsCondition(q.eligibleIf, answers[q.key] ?? undefined))
    .map((q) => ({ key: q.key, label: q.label, answer: answers[q.key] ?? null }));
}

/** Rules of a question list that span fields (keys unique, choices for choice, min ≤ max). */
export function questionListErrors(questions: CallQuestion[]): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (keys.has(q.key)) errors.push({ field: `${field}.key`, messages: [`duplicate key "${q.key}"`] });
    keys.add(q.key);
    if (q.type === 'choice' && !(q.choices && q.choices.length > 0))
      errors.push({ field: `${field}.choices`, messages: ['a choice question needs choices'] });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max)
      errors.push({ field: `${field}.max`, messages: ['must not be less than min'] });
    if (q.eligibleIf?.equals !== undefined && answerError(q, q.eligibleIf.equals) !== null)
      errors.push({
        field: `${field}.eligibleIf.equals`,
        messages: ['must be a valid answer to the question'],
      });
  });
  return errors;
}
