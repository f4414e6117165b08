import { formatEur, formatInputNumber, formatMean, formatPercent, formatScore } from './format-numbers';
import { readNumber } from './number-input';

const value = (v: number | undefined) => ({ ok: true, value: v });
const refused = (reason: string) => ({ ok: false, reason });

describe('numbers typed on the pages', () => {
  it.each([
    ['180.000', value(180000)],
    ['180000', value(180000)],
    ['1.234.567', value(1234567)],
    ['180 000', value(180000)],
    ['180.000 €', value(180000)],
    ['180.000,00', value(180000)],
    ['', value(undefined)],
    ['180.000,50', refused('number.wholeOnly')],
    ['180,5', refused('number.wholeOnly')],
    ['1.5', refused('number.groups')],
    ['18.00', refused('number.groups')],
    ['180,000', refused('number.wrongGroupMark')],
    ['zwölf', refused('number.notNumber')],
  ])('German whole field: %s', (text, expected) => {
    expect(readNumber(text, 'whole', 'de')).toEqual(expected);
  });

  it.each([
    ['180,000', value(180000)],
    ['180000', value(180000)],
    ['180000.00', value(180000)],
    ['180000.50', refused('number.wholeOnly')],
    ['1,5', refused('number.groups')],
    ['180.000', refused('number.wrongGroupMark')],
  ])('English whole field: %s', (text, expected) => {
    expect(readNumber(text, 'whole', 'en')).toEqual(expected);
  });

  it.each([
    ['1,5', value(1.5)],
    ['1.5', value(1.5)],
    ['4', value(4)],
    [',5', value(0.5)],
    ['1.000,5', refused('number.notNumber')],
    ['1,5,5', refused('number.notNumber')],
    ['gut', refused('number.notNumber')],
  ])('score field on either page: %s', (text, expected) => {
    expect(readNumber(text, 'decimal', 'de')).toEqual(expected);
    expect(readNumber(text, 'decimal', 'en')).toEqual(expected);
  });
});

describe('numbers printed on the pages: one precision per kind', () => {
  const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it('money in whole euros, means with 2 decimals, scores as given, weights as percent', () => {
    expect(nbsp(formatEur(180000, 'de'))).toBe('180.000 €');
    expect(formatEur(180000, 'en')).toBe('€180,000');
    expect(formatMean(3, 'de')).toBe('3,00');
    expect(formatMean(3.275, 'de')).toBe('3,28');
    expect(formatMean(3.25, 'en')).toBe('3.25');
    expect(formatScore(0.5, 'de')).toBe('0,5');
    expect(formatScore(4, 'de')).toBe('4');
    expect(nbsp(formatPercent(0.3, 'de'))).toBe('30 %');
    expect(formatPercent(0.3, 'en')).toBe('30%');
    expect(formatMean(null, 'de')).toBe('–');
  });

  it('writes input values the way the page reads them back', () => {
    for (const locale of ['de', 'en'] as const) {
      for (const n of [0, 5, 1500, 180000, 1_000_000_000]) {
        expect(readNumber(formatInputNumber(n, locale), 'whole', locale)).toEqual(value(n));
      }
      for (const n of [0.5, 0.25, 3, 0.3333]) {
        expect(readNumber(formatInputNumber(n, locale, 'decimal'), 'decimal', locale)).toEqual(value(n));
      }
    }
  });
});
