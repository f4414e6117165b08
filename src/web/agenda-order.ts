/**
 * The new agenda order from a position number per item: an item given a new number takes that place
 * (the first free one from there when several ask for it), the others fill the free places in their
 * previous order. So "4" for the first of four items moves it to the end.
 */
export function placed(items: { proposalId: string; index: number; position: number }[]): string[] {
  const slots: (string | undefined)[] = new Array(items.length).fill(undefined);
  const moved = items
    .filter((i) => i.position !== i.index + 1)
    .sort((a, b) => a.position - b.position || a.index - b.index);
  for (const item of moved) {
    let at = item.position - 1;
    while (slots[at] !== undefined) at = (at + 1) % slots.length;
    slots[at] = item.proposalId;
  }
  const rest = items.filter((i) => i.position === i.index + 1).map((i) => i.proposalId);
  return slots.map((slot) => slot ?? (rest.shift() as string));
}
