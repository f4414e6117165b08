/** "Person 7F3A": the pseudonym shown for an erased person, from their id (stable, not reversible to a name). */
export function pseudonymOf(userId: string): string {
  const hex = userId.replace(/-/g, '').toUpperCase();
  return `Person ${hex.slice(0, 4)}${hex.slice(-2)}`;
}

/** The address an erased account keeps (unique, undeliverable: `.invalid` is reserved, RFC 2606). */
export function erasedAddressOf(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}
