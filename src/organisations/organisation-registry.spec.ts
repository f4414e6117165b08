import { groupRoots } from './organisation-registry';
import { rankSuggestions } from './partner-suggestions.service';

describe('groupRoots', () => {
  it('gives every entry the root of its parent chain', () => {
    const { roots, cycle } = groupRoots(
      new Map([
        ['vw', null],
        ['cariad', 'vw'],
        ['cariad-sub', 'cariad'],
        ['bosch', null],
      ]),
    );
    expect(cycle).toBeNull();
    expect(Object.fromEntries(roots)).toEqual({ vw: 'vw', cariad: 'vw', 'cariad-sub': 'vw', bosch: 'bosch' });
  });

  it.each([
    ['itself', new Map([['a', 'a']])],
    [
      'two entries',
      new Map([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ],
    [
      'a chain into a cycle',
      new Map<string, string | null>([
        ['x', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ]),
    ],
  ])('finds a cycle through %s', (_, parents) => {
    expect(groupRoots(parents).cycle).not.toBeNull();
  });
});

describe('rankSuggestions', () => {
  const org = (id: string, kind: 'sme' | 'large' | 'research', expertise: string[]) => ({
    id,
    name: id,
    kind,
    city: '',
    in_region: true,
    expertise,
    group_id: id,
  });
  const candidates = [
    org('one', 'sme', ['battery']),
    org('two', 'large', ['Battery', 'LIGHTWEIGHT']),
    org('institute', 'research', ['battery']),
    org('none', 'sme', ['logistics']),
  ];

  it('ranks by overlap, case-insensitively, and leaves out organisations without overlap', () => {
    expect(
      rankSuggestions(['battery', 'lightweight'], candidates, false).map((s) => s.organisationId),
    ).toEqual(['two', 'institute', 'one']);
  });

  it('puts research institutes first for an all-company consortium', () => {
    const ranked = rankSuggestions(['battery', 'lightweight'], candidates, true);
    expect(ranked.map((s) => s.organisationId)).toEqual(['institute', 'two', 'one']);
    expect(ranked[1].matchingTopics).toEqual(['battery', 'lightweight']);
  });
});
