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
 *  4. everything but letters, marks and digits removed: whitespace, punctuation ("GmbH." = "GmbH",
 *     "Fraunhofer-Institut" = "Fraunhofer Institut") and symbols.
 * The key is for comparing only, never for display ("m" becomes "rn"). An empty key matches nothing.
 */
export function organisationKey(name: string): string {
  const visible = name.normalize('NFKC').replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '');
  const folded = skeleton(skeleton(visible.toUpperCase()).toLowerCase()).toLowerCase();
  return folded.replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

/** Unicode TR39 skeleton: NFD, each confusable character replaced by its prototype, NFD. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/** The distinct, non-empty keys of a partner list, in first-seen order (stored beside the partners). */
export function partnerKeys(partners: readonly { name: string }[]): string[] {
  return [...new Set(partners.map((p) => organisationKey(p.name)).filter((key) => key !== ''))];
}
