import { organisationKey, partnerKeys } from './org-name';

describe('organisationKey', () => {
  const plain = 'Zulieferer GmbH';

  it.each([
    ['a zero-width space', 'Zulieferer\u200b GmbH'],
    ['a zero-width joiner inside a word', 'Zulie\u200dferer GmbH'],
    ['a soft hyphen', 'Zulie\u00adferer GmbH'],
    ['a byte-order mark in front', '\ufeffZulieferer GmbH'],
    ['a no-break space', 'Zulieferer\u00a0GmbH'],
    ['a narrow no-break space', 'Zulieferer\u202fGmbH'],
    ['runs of whitespace and a tab', '  Zulieferer \t  GmbH  '],
    ['a trailing dot', 'Zulieferer GmbH.'],
    ['a hyphen instead of the space', 'Zulieferer-GmbH'],
    ['other case', 'ZULIEFERER gmbh'],
    ['a Cyrillic "е" for the Latin one', 'Zuli\u0435ferer GmbH'],
    ['full-width letters', 'Ｚｕｌｉｅｆｅｒｅｒ ＧｍｂＨ'],
  ])('gives the same key with %s', (_, lookAlike) => {
    expect(organisationKey(lookAlike)).toBe(organisationKey(plain));
  });

  it.each([
    ['a Cyrillic "А"', '\u0410udi AG', 'Audi AG'],
    ['a Cyrillic capital "Т"', '\u0422U Braunschweig', 'TU Braunschweig'],
    ['a Cyrillic small "т"', '\u0442u braunschweig', 'TU Braunschweig'],
    ['a Latin alpha', '\u0251udi AG', 'Audi AG'],
    ['an "ß" and "ss"', 'Straße der Zulieferer', 'Strasse der Zulieferer'],
    ['a Greek "Ο" and a zero', 'B\u039fSCH', 'B0sch'],
    ['a decomposed umlaut', 'Mu\u0308ller KG', 'Müller KG'],
    ['punctuation and a ligature', 'Institut f. Stoﬀe e.V.', 'Institut f Stoffe eV'],
  ])('gives the same key with %s', (_, a, b) => {
    expect(organisationKey(a)).toBe(organisationKey(b));
  });

  it.each([
    ['TU Berlin', 'TU Braunschweig'],
    ['Fraunhofer IPA', 'Fraunhofer IWU'],
    ['Müller KG', 'Möller KG'],
    ['Bosch', 'Bosch Rexroth'],
    ['Hochschule Aalen', 'Hochschule Aachen'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(organisationKey(a)).not.toBe(organisationKey(b));
  });

  it.each([
    ['Volkswagen AG', 'volkswagen'],
    ['Volkswagen  ag.', 'volkswagen'],
    ['CARIAD SE', 'cariad'],
    ['Zulieferer GmbH', 'zulieferer'],
    ['Zulieferer AG', 'zulieferer'],
    ['Zulieferer mbH', 'zulieferer'],
    ['Zulieferer GmbH & Co. KG', 'zulieferer'],
    ['Zulieferer GmbH&Co.KG', 'zulieferer'],
    ['Zulieferer KG', 'zulieferer'],
    ['Zulieferer UG (haftungsbeschränkt)', 'zulieferer'],
    ['Institut für Stoffe e.V.', 'institut für stoffe'],
    ['Institut für Stoffe e. V.', 'institut für stoffe'],
    ['Institut für Stoffe eV', 'institut für stoffe'],
    ['Acme Ltd', 'acme'],
    ['Acme Inc.', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Kiev', 'kiev'],
    ['AG', 'ag'],
    ['GmbH', 'gmbh'],
    ['Volkswagen Aktiengesellschaft', 'volkswagenaktiengesellschaft'],
    ['VW AG', 'vw'],
  ])('drops the legal form: %s → %s', (name, key) => {
    expect(organisationKey(name)).toBe(organisationKey(key));
  });

  it.each([
    ['VW AG', 'Volkswagen AG'],
    ['Volkswagen Aktiengesellschaft', 'Volkswagen AG'],
    ['Bosch GmbH', 'Bosch Rexroth AG'],
    ['Kiev', 'Ki e.V.'],
  ])('keeps %s and %s apart (only an alias joins them)', (a, b) => {
    expect(organisationKey(a)).not.toBe(organisationKey(b));
  });

  it('gives the empty key to names of nothing but spaces, punctuation and invisible characters', () => {
    for (const name of ['', '   ', '\u200b\u200c', '...', ' - ']) expect(organisationKey(name)).toBe('');
  });
});

describe('partnerKeys', () => {
  it('keeps one key per organisation and drops empty ones', () => {
    const keys = partnerKeys([{ name: 'TU Braunschweig' }, { name: 'tu braunschweig.' }, { name: ' ' }]);
    expect(keys).toEqual([organisationKey('TU Braunschweig')]);
  });
});
