import unhomoglyph from 'unhomoglyph';

/**
 * The comparison key of an organisation name: two names that a reader would take for the same
 * organisation get the same key, so a look-alike spelling cannot dodge the automatic conflict of
 * interest. Steps, in order:
 *  1. Unicode NFKC (full-width letters, ligatures and the no-break space become their plain forms);
 *  2. format and default-ignorable characters removed (zero-width space and joiners, soft hyphen,
 *     byte-order mark, variation selectors), which render as nothing;
 *  3. lower case;
 *  4. the Unicode TR39 skeleton (NFD, confusable → prototype, NFD): a Cyrillic "А", a Greek "Ο" or a
 *     zero map to the Latin letter they look like, then lower case again, as prototypes may be capitals;
 *  5. everything but letters, marks and digits removed: whitespace, punctuation ("GmbH." = "GmbH",
 *     "Fraunhofer-Institut" = "Fraunhofer Institut") and symbols.
 * The key is for comparing only, never for display ("m" becomes "rn"). An empty key matches nothing.
 */
export function organisationKey(name: string): string {
  const folded = name
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .toLowerCase();
  const skeleton = unhomoglyph(folded.normalize('NFD')).normalize('NFD');
  return skeleton.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

/** The distinct, non-empty keys of a partner list, in first-seen order (stored beside the partners). */
export function partnerKeys(partners: readonly { name: string }[]): string[] {
  return [...new Set(partners.map((p) => organisationKey(p.name)).filter((key) => key !== ''))];
}
