import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODE_LIST, PROBLEM_CODES } from '@/common/problem-codes';
import { placeholdersOf, problemText } from './problem-text';
import { problemsDe } from './problems-de';
import { problemsEn } from './problems-en';
import { renderProblemsDoc } from './problems-doc';

const sorted = (names: readonly string[]) => [...new Set(names)].sort();

describe('problem codes and their page texts', () => {
  it.each(PROBLEM_CODE_LIST)('%s has a German and an English text using exactly its parameters', (code) => {
    const params = sorted(PROBLEM_CODES[code].params);
    for (const text of [problemsDe[code], problemsEn[code]]) {
      expect(typeof text).toBe('string');
      expect(text.trim()).not.toBe('');
      expect(sorted(placeholdersOf(text))).toEqual(params);
    }
  });

  it('has no texts for codes the catalogue lacks', () => {
    expect(Object.keys(problemsDe).sort()).toEqual([...PROBLEM_CODE_LIST].sort());
    expect(Object.keys(problemsEn).sort()).toEqual([...PROBLEM_CODE_LIST].sort());
  });

  it('codes are kebab-case', () => {
    for (const code of PROBLEM_CODE_LIST) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('fills in parameters in the page language: numbers, states, outcomes and lists', () => {
    expect(problemText({ code: 'no-quorum', params: { votes: 1, eligible: 4, required: 3 } }, 'de')).toBe(
      'Kein Quorum: 1 von 4 Mitgliedern der Steuerungsgruppe haben abgestimmt; mindestens 3 müssen es sein.',
    );
    expect(problemText({ code: 'wrong-state', params: { state: 'in_review' } }, 'de')).toBe(
      'Das ist im Zustand „In Begutachtung“ nicht möglich.',
    );
    expect(problemText({ code: 'majority-differs', params: { majority: 'approved' } }, 'en')).toContain(
      '"Approved"',
    );
    expect(problemText({ code: 'proposal-incomplete', params: { missing: ['title', 'pdf'] } }, 'de')).toBe(
      'Vor dem Einreichen fehlt noch: ein Titel, mindestens eine PDF-Anlage.',
    );
    expect(
      problemText(
        { code: 'review-incomplete', params: { missing: ['scores.quality', 'commentToApplicant'] } },
        'de',
      ),
    ).toBe(
      'Das Gutachten ist noch unvollständig: die Bewertung „quality“, die Hinweise an die Antragstellenden.',
    );
    expect(
      problemText({ code: 'funding-exceeds-request', params: { granted: 120000, requested: 100000 } }, 'de'),
    ).toBe('Die bewilligte Summe (120.000 €) übersteigt die beantragte (100.000 €).');
  });
});

describe('docs/PROBLEMS.md', () => {
  it('lists every code with its status, parameters and texts (run `npm run docs:problems` after a change)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'PROBLEMS.md'), 'utf8');
    expect(committed).toBe(renderProblemsDoc());
  });
});
