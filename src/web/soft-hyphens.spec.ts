import { softHyphens } from './soft-hyphens';

const SHY = '\u00AD';

describe('softHyphens', () => {
  it('puts soft hyphens at the syllables of long German words only', () => {
    expect(softHyphens('Hybride Leichtbaustrukturen', 'de')).toBe(
      `Hybride Leicht${SHY}bau${SHY}struk${SHY}tu${SHY}ren`,
    );
  });

  it('uses the English patterns on English pages', () => {
    expect(softHyphens('Lightweight structures', 'en')).toBe(`Light${SHY}weight struc${SHY}tures`);
  });

  it('leaves the text unchanged once the soft hyphens are removed', () => {
    const title = 'Zustandsüberwachung von Wasserstofftanks mit Faseroptik (H2SENSE)';
    expect(softHyphens(title, 'de').replaceAll(SHY, '')).toBe(title);
    expect(softHyphens(null, 'de')).toBe('');
  });
});
