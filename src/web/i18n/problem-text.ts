import type { Problem } from '@/common/problem';
import type { ProblemCode, ProblemParamValue } from '@/common/problem-codes';
import type { Locale } from '@/users/user.entity';
import { translator } from './i18n';
import { problemsDe, termsDe } from './problems-de';
import { problemsEn, termsEn } from './problems-en';

const texts: Record<Locale, Record<ProblemCode, string>> = { de: problemsDe, en: problemsEn };
const terms: Record<Locale, Record<string, string>> = { de: termsDe, en: termsEn };

/** Parameters whose values are names the pages already translate (state, event, outcome). */
const PAGE_NAMES: Record<string, string> = { state: 'state', event: 'event', majority: 'steering.outcome' };

/** The `{name}` placeholders of a text, in order of appearance. */
export const placeholdersOf = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

function term(item: string, locale: Locale): string {
  const score = /^scores\.(.+)$/.exec(item);
  if (score) return terms[locale].score.replace('{key}', score[1]);
  return terms[locale][item] ?? item;
}

function shown(name: string, value: ProblemParamValue, locale: Locale): string {
  if (typeof value === 'number') return value.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB');
  if (typeof value !== 'string') return value.map((item) => term(item, locale)).join(', ');
  const prefix = PAGE_NAMES[name];
  if (!prefix) return value;
  const key = `${prefix}.${value}`;
  const text = translator(locale)(key);
  return text === key ? value : text;
}

/** A refusal in the user's language, from its code and parameters (never from the English detail). */
export function problemText(problem: Pick<Problem, 'code' | 'params'>, locale: Locale): string {
  return texts[locale][problem.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = problem.params[name];
    return value === undefined ? whole : shown(name, value, locale);
  });
}
