import type { Locale } from '@/users/user.entity';

/** Times are stored in UTC and shown in Europe/Berlin (docs/CONTRACT.md §1). */
const TIME_ZONE = 'Europe/Berlin';

export function asLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'de';
}

/** One formatter per locale, made on first use: building an Intl formatter costs far more than using it. */
function perLocale<F>(make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let formatter = made.get(locale);
    if (!formatter) {
      formatter = make(locale === 'de' ? 'de-DE' : 'en-GB');
      made.set(locale, formatter);
    }
    return formatter;
  };
}

const dateTimeFormat = perLocale(
  (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
);
const dateFormat = perLocale(
  (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: TIME_ZONE }),
);
const scoreFormat = perLocale(
  (tag) => new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
const euroFormat = perLocale(
  (tag) => new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
);

export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return dateFormat(locale).format(new Date(value));
}

/** A decimal from PostgreSQL `numeric` (a string), shown with two places in the reader's notation. */
export function formatScore(value: string | number, locale: Locale): string {
  return scoreFormat(locale).format(Number(value));
}

export function formatEuro(value: number, locale: Locale): string {
  return euroFormat(locale).format(value);
}
