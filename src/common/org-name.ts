import unhomoglyph from 'unhomoglyph';

/**
 * The comparison key of an organisation name: two names that a reader would take for the same
 * organisation get the same key, so a look-alike spelling cannot dodge the automatic conflict of
 * interest. Steps, in order:
 *  1. Unicode NFKC (full-width letters, ligatures and the no-break space become their plain forms);
 *  2. format and default-ignorable characters removed (zero-width space and joiners, soft hyphen,
 *     byte-order mark, variation selectors), which render as nothing;
 *  3. case and look-alike letters folded with the Unicode TR39 skeleton (NFD, confusable → prototype,
 *     NFD): first of the upper-case name, as capitals map cleanly (a Cyrillic "Т" to the Latin "T",
 *     while the lower-case "т" maps to a small capital), then once more of the lower-cased result, for
 *     lower-case-only look-alikes (the Latin alpha "ɑ"); a zero folds to "o", "I", "l" and "1" to "l";
 *  4. legal forms at the end dropped ("GmbH", "AG", "SE", "e.V.", "GmbH & Co. KG", "UG
 *     (haftungsbeschränkt)", "Ltd", "Inc", …, see LEGAL_FORMS), so "Zulieferer GmbH" = "Zulieferer AG":
 *     a legal form does not tell two organisations apart (DESIGN §10). Only abbreviations are forms:
 *     "Volkswagen Aktiengesellschaft" ≠ "Volkswagen AG" unless the registry records the alias. A name
 *     that is nothing but a legal form keeps it;
 *  5. everything but letters, marks and digits removed: whitespace, punctuation ("GmbH." = "GmbH",
 *     "Fraunhofer-Institut" = "Fraunhofer Institut") and symbols.
 * The key is for comparing only, never for display ("m" becomes "rn"). An empty key matches nothing.
 */
export function organisationKey(name: string): string {
  const words = foldedWords(name);
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (let count = words.length - 1; count >= 1 && !dropped; count--) {
      if (LEGAL_FORM_KEYS.has(words.slice(-count).join(''))) {
        words.splice(words.length - count, count);
        dropped = true;
      }
    }
  }
  return words.join('');
}

/**
 * Legal forms that do not distinguish organisations: German, Austrian, Swiss and common foreign forms,
 * written as a reader would. Dropped from the end repeatedly, the longest matching run of last words
 * first, so "GmbH & Co. KG" goes as one form (not "KG" alone, leaving "GmbH Co").
 */
export const LEGAL_FORMS = [
  'GmbH & Co. KGaA',
  'GmbH & Co. KG',
  'AG & Co. KG',
  'SE & Co. KG',
  'UG (haftungsbeschränkt) & Co. KG',
  'UG (haftungsbeschränkt)',
  'gGmbH',
  'GmbH',
  'mbH',
  'AG',
  'SE',
  'KGaA',
  'KG',
  'OHG',
  'GbR',
  'UG',
  'e.V.',
  'e.K.',
  'eG',
  'PartG',
  'Ltd',
  'Limited',
  'plc',
  'Inc',
  'Corp',
  'LLC',
  'S.A.',
  'S.p.A.',
  'S.r.l.',
  'SAS',
  'SARL',
  'B.V.',
  'N.V.',
  'Oy',
  'AB',
  'A/S',
  'ApS',
  'Sp. z o.o.',
  's.r.o.',
];

/** The words of a name after steps 1–3 (NFKC, invisible characters, case and look-alikes folded). */
function foldedWords(name: string): string[] {
  const visible = name.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '');
  const folded = skeleton(skeleton(visible.toUpperCase()).toLowerCase()).toLowerCase();
  return folded.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== '');
}

/**
 * The legal forms folded and joined ("e.V." → "ev"), compared with the joined last words of a name, so
 * "e. V.", "e.V." and "eV" all match while "Kiev" does not (whole words only).
 */
const LEGAL_FORM_KEYS = new Set(LEGAL_FORMS.map((form) => foldedWords(form).join('')));

/** Unicode TR39 skeleton: NFD, each confusable character replaced by its prototype, NFD. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/** The distinct, non-empty keys of a partner list, in first-seen order (stored beside the partners). */
export function partnerKeys(partners: readonly { name: string }[]): string[] {
  return [...new Set(partners.map((p) => organisationKey(p.name)).filter((key) => key !== ''))];
}
