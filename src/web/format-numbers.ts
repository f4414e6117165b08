import type { Locale } from '@/users/user.entity';

/**
 * Every figure on a page is printed here, one precision per kind, so the same kind reads the same on
 * every page: money in whole euros, means (criterion means, totals, spreads of means, affinities) with
 * exactly 2 decimals, single scores and rubric values as they are (up to 2 decimals), weights as
 * percent (up to 1 decimal), counts as whole numbers.
 */
const TAGS: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const DASH = '–';

const cache = new Map<string, Intl.NumberFormat>();
function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(TAGS[locale], options);
    cache.set(key, f);
  }
  return f;
}

const present = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** A plain number with at most `digits` decimals (counts: 0; file sizes: 1). */
export function formatNumber(v: number | null | undefined, locale: Locale, digits = 2): string {
  return present(v) ? formatter(locale, { maximumFractionDigits: digits }).format(v) : DASH;
}

/** Euros, whole (the service keeps whole euros): "180.000 €" / "€180,000". */
export function formatEur(v: number | null | undefined, locale: Locale): string {
  return present(v)
    ? formatter(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v)
    : DASH;
}

/** A mean, total or spread of means: always 2 decimals ("3,00", "3,25"). */
export function formatMean(v: number | null | undefined, locale: Locale): string {
  return present(v)
    ? formatter(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
    : DASH;
}

/** A score given or a rubric value (min, max, step, threshold): as it is, up to 2 decimals ("0,5", "4"). */
export function formatScore(v: number | null | undefined, locale: Locale): string {
  return formatNumber(v, locale, 2);
}

/** A weight (a fraction of 1) as percent: 0.3 → "30 %" / "30%". */
export function formatPercent(fraction: number | null | undefined, locale: Locale): string {
  return present(fraction)
    ? formatter(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction)
    : DASH;
}

/** A criterion's weight as its share of the total (the total is the weighted mean, see score-query.ts). */
export function formatWeight(
  weight: number,
  criteria: readonly { weight: number }[],
  locale: Locale,
): string {
  const sum = criteria.reduce((total, c) => total + c.weight, 0);
  return formatPercent(sum > 0 ? weight / sum : null, locale);
}

/**
 * The value of a text input showing a stored number the way the page's own parser reads it back
 * (number-input.ts): thousands grouped, the page's decimal mark.
 */
export function formatInputNumber(
  v: number | null | undefined,
  locale: Locale,
  kind: 'whole' | 'decimal' = 'whole',
): string {
  // Decimal fields read "1.000" as 1 (they never have thousands), so they are written without groups.
  return present(v)
    ? formatter(locale, { maximumFractionDigits: 6, useGrouping: kind === 'whole' }).format(v)
    : '';
}

/** The formatters a template gets as `it.fmt` (besides the dates). */
export function numberFormats(locale: Locale) {
  return {
    num: (v: number | null | undefined, digits?: number) => formatNumber(v, locale, digits),
    eur: (v: number | null | undefined) => formatEur(v, locale),
    mean: (v: number | null | undefined) => formatMean(v, locale),
    score: (v: number | null | undefined) => formatScore(v, locale),
    percent: (v: number | null | undefined) => formatPercent(v, locale),
    weight: (weight: number, criteria: readonly { weight: number }[]) =>
      formatWeight(weight, criteria, locale),
  };
}
