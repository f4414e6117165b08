import {
  answerErrors,
  type CallQuestion,
  eligibilityFindings,
  questionListErrors,
  unansweredRequired,
} from './questions';

const label = { de: 'Frage', en: 'Question' };
const QUESTIONS: CallQuestion[] = [
  { key: 'in_region', label, type: 'boolean', required: true, eligibleIf: { equals: true } },
  { key: 'staff', label, type: 'number', required: false, min: 1, max: 249 },
  { key: 'note', label, type: 'text', required: false, maxLength: 10 },
  {
    key: 'sector',
    label,
    type: 'choice',
    required: true,
    choices: ['auto', 'rail'],
    eligibleIf: { oneOf: ['auto'] },
  },
  { key: 'start', label, type: 'date', required: false },
];

describe('answers to the call questions', () => {
  it.each([
    [{ in_region: 'yes' }, 'answers.in_region'],
    [{ staff: 0 }, 'answers.staff'],
    [{ staff: 250 }, 'answers.staff'],
    [{ staff: '12' }, 'answers.staff'],
    [{ note: 'elf Zeichen' }, 'answers.note'],
    [{ sector: 'air' }, 'answers.sector'],
    [{ start: '2026-02-30' }, 'answers.start'],
    [{ start: '1.2.2026' }, 'answers.start'],
    [{ unknown: true }, 'answers.unknown'],
  ])('%j is refused at %s', (answers, field) => {
    expect(answerErrors(QUESTIONS, answers).map((e) => e.field)).toEqual([field]);
  });

  it('accepts valid answers and null (clears)', () => {
    expect(
      answerErrors(QUESTIONS, {
        in_region: false,
        staff: 249,
        note: 'zehn Zeich',
        sector: 'rail',
        start: '2026-02-28',
      }),
    ).toEqual([]);
    expect(answerErrors(QUESTIONS, { staff: null })).toEqual([]);
  });

  it('names the unanswered required questions in order', () => {
    expect(unansweredRequired(QUESTIONS, {})).toEqual(['in_region', 'sector']);
    expect(unansweredRequired(QUESTIONS, { in_region: false, sector: 'auto' })).toEqual([]);
  });

  it('turns failed eligibleIf conditions into findings (false is an answer, but not eligible)', () => {
    expect(eligibilityFindings(QUESTIONS, { in_region: true, sector: 'auto' })).toEqual([]);
    expect(eligibilityFindings(QUESTIONS, { in_region: false, sector: 'rail' }).map((f) => f.key)).toEqual([
      'in_region',
      'sector',
    ]);
    expect(eligibilityFindings(QUESTIONS, {}).map((f) => f.answer)).toEqual([null, null]);
  });

  it('checks the question list: unique keys, choices for choice questions, a valid eligibleIf', () => {
    const bad: CallQuestion[] = [
      { key: 'a', label, type: 'choice', required: false },
      { key: 'a', label, type: 'boolean', required: false, eligibleIf: { equals: 'ja' } },
    ];
    expect(questionListErrors(bad).map((e) => e.field)).toEqual([
      'questions.0.choices',
      'questions.1.key',
      'questions.1.eligibleIf.equals',
    ]);
  });
});
