import { hyphenateSync as hyphenateDe } from 'hyphen/de';
import { hyphenateSync as hyphenateEn } from 'hyphen/en-us';
import type { Locale } from '@/users/user.entity';

/*
 * Why on the server: CSS `hyphens: auto` needs the browser's own dictionary, which Chromium on
 * Linux and Windows downloads only later (and never in a headless test), so a long German title on
 * a phone ("Leichtbaustrukturen") would be cut mid-word by overflow-wrap. Soft hyphens (U+00AD) at
 * the syllables (Liang's patterns, the `hyphen` package) break there in every browser and stay
 * invisible unless the line breaks. Only long words get them: short ones always fit a line.
 */
const MIN_WORD_LENGTH = 10;
const HYPHENATE: Record<Locale, (text: string) => string> = {
  de: (text) => hyphenateDe(text, { minWordLength: MIN_WORD_LENGTH }),
  en: (text) => hyphenateEn(text, { minWordLength: MIN_WORD_LENGTH }),
};

/** The text with soft hyphens at the syllables of its long words, for headings and table cells. */
export function softHyphens(text: string | null | undefined, locale: Locale): string {
  if (!text) return '';
  return HYPHENATE[locale](text);
}
