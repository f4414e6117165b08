import { placed } from './agenda-order';

const items = (positions: number[]) =>
  positions.map((position, index) => ({ proposalId: 'abcd'[index], index, position }));

describe('placed: the agenda order from a position number per item', () => {
  it('moves an item given a new number to that place; the others keep their order', () => {
    expect(placed(items([4, 2, 3, 4]))).toEqual(['b', 'c', 'd', 'a']);
    expect(placed(items([4, 1, 3, 4]))).toEqual(['b', 'c', 'd', 'a']);
    expect(placed(items([1, 2, 3, 1]))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('keeps the order when nothing changed, and gives two items asking for one place neighbouring places', () => {
    expect(placed(items([1, 2, 3, 4]))).toEqual(['a', 'b', 'c', 'd']);
    expect(placed(items([3, 3, 3, 4]))).toEqual(['c', 'd', 'a', 'b']);
  });
});
