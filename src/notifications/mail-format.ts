import type { Locale } from '@/users/user.entity';

/** Times are stored in UTC and shown in Europe/Berlin (docs/CONTRACT.md §1). */
const TIME_ZONE = 'Europe/Berlin';

export function asLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'de';
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** A decimal from PostgreSQL `numeric` (a string), shown with two places in the reader's notation. */
export function formatScore(value: string | number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Number(value));
}

export function formatEuro(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(value);
}
