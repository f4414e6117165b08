import { invalidInput, type FieldError } from '@/common/problem';
import type { Locale } from '@/users/user.entity';
import { translator, type Translate } from './i18n/i18n';

/**
 * `whole`: euros, months, days, counts — thousands may be grouped (`180.000` on German pages,
 * `180,000` on English ones), no decimals. `decimal`: scores, weights, thresholds — small numbers that
 * never have thousands, so `1,5` and `1.5` both mean 1.5 on every page.
 */
export type NumberKind = 'whole' | 'decimal';

/** Why a typed number was refused (a message key of the page catalogue, see messages-*.ts). */
export type NumberRefusal =
  'number.notNumber' | 'number.wholeOnly' | 'number.groups' | 'number.wrongGroupMark';

export type NumberReading = { ok: true; value: number | undefined } | { ok: false; reason: NumberRefusal };

const MARKS: Record<Locale, { group: string; decimal: string }> = {
  de: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** A separator as a literal in a regular expression. */
const literal = (mark: string) => `\\${mark}`;

function readWhole(text: string, locale: Locale): NumberReading {
  const { group, decimal } = MARKS[locale];
  const g = literal(group);
  const d = literal(decimal);
  // Spaces (also the narrow no-break space Intl prints) group thousands on every page.
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  // "180,000" on a German page (or "180.000" on an English one) uses the other page's thousands mark.
  if (new RegExp(`^-?\\d{1,3}(?:${d}\\d{3})+$`).test(digits))
    return { ok: false, reason: 'number.wrongGroupMark' };
  const match = new RegExp(`^(-?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d*))?$`).exec(digits);
  if (match) {
    const [, sign, integer, fraction = ''] = match;
    // "180.000,00" is whole; real cents are not (the API keeps whole euros).
    if (/[1-9]/.test(fraction)) return { ok: false, reason: 'number.wholeOnly' };
    return { ok: true, value: Number(`${sign}${integer.split(group).join('')}`) };
  }
  // "1.5" on a German page: the point groups thousands only, in threes.
  if (new RegExp(`^-?\\d+(?:${g}\\d+)+(?:${d}\\d*)?$`).test(digits))
    return { ok: false, reason: 'number.groups' };
  return { ok: false, reason: 'number.notNumber' };
}

function readDecimal(text: string): NumberReading {
  const match = /^(-?)(\d*)(?:[.,](\d+))?$/.exec(text.replace(/\s/g, ''));
  if (!match || (match[2] === '' && match[3] === undefined)) return { ok: false, reason: 'number.notNumber' };
  const [, sign, integer, fraction] = match;
  return { ok: true, value: Number(`${sign}${integer || '0'}${fraction ? `.${fraction}` : ''}`) };
}

/** Reads a number typed on a page in `locale`; empty means "left out" (undefined). */
export function readNumber(raw: string, kind: NumberKind, locale: Locale): NumberReading {
  const text = raw.trim().replace(/\s*(?:€|EUR)$/i, '');
  if (text === '') return { ok: true, value: undefined };
  return kind === 'whole' ? readWhole(text, locale) : readDecimal(text);
}

/**
 * The numbers of one posted form. Each refused field gets its reason in the page's language, so the
 * page shows it next to the field; `validated` (form-input.ts) throws them with the DTO's own errors.
 */
export class NumberFields {
  readonly errors: FieldError[] = [];
  private readonly t: Translate;

  constructor(private readonly locale: Locale) {
    this.t = translator(locale);
  }

  read(field: string, raw: string, kind: NumberKind): number | undefined {
    const reading = readNumber(raw, kind, this.locale);
    if (reading.ok) return reading.value;
    this.errors.push({ field, messages: [this.t(reading.reason)] });
    return undefined;
  }
}

export const refusedNumbers = (errors: FieldError[]) =>
  invalidInput('Some numbers could not be read.', errors);
