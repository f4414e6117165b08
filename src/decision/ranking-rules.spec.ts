import { compareRational, decimal, rank, RankingRules, summarize, toDisplay } from './ranking-rules';

// The default rubric (docs/CONTRACT.md §2): weights 0.30/0.25/0.20/0.15/0.10, threshold 3 each, overall 3.5, delta 2.
const RULES: RankingRules = {
  criteria: [
    { key: 'sq', weight: 0.3, threshold: 3 },
    { key: 'in', weight: 0.25, threshold: 3 },
    { key: 'fe', weight: 0.2, threshold: 3 },
    { key: 'tr', weight: 0.15, threshold: 3 },
    { key: 'sme', weight: 0.1, threshold: 3 },
  ],
  overallThreshold: 3.5,
  disagreementDelta: 2,
};

const T0 = new Date('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** One review with the scores in rubric order. */
const one = (...s: number[]) => [{ sq: s[0], in: s[1], fe: s[2], tr: s[3], sme: s[4] }];

function order(inputs: Parameters<typeof rank>[1]): string[] {
  return rank(RULES, inputs).map((r) => r.id);
}

describe('ranking rules (hand-computed tables)', () => {
  it('breaks equal totals by the first criterion, then the next, then the next', () => {
    // Totals by hand, Σ wᵢ·meanᵢ / Σ wᵢ with Σ wᵢ = 1:
    //   p1  4.0 4.0 4.0 4.0 4.0 → 1.20 + 1.00 + 0.80 + 0.60 + 0.40 = 4.00
    //   p2  4.5 4.0 3.5 4.0 3.5 → 1.35 + 1.00 + 0.70 + 0.60 + 0.35 = 4.00
    //   p3  4.5 3.0 4.0 5.0 3.5 → 1.35 + 0.75 + 0.80 + 0.75 + 0.35 = 4.00  (3.9999999999999996 in floats)
    //   p4  4.5 4.0 3.0 4.0 4.5 → 1.35 + 1.00 + 0.60 + 0.60 + 0.45 = 4.00
    // p2, p3, p4 beat p1 on the first criterion; p2 and p4 beat p3 on the second; p2 beats p4 on the third.
    const inputs = [
      { id: 'p1', submittedAt: at(0), reviews: one(4, 4, 4, 4, 4) },
      { id: 'p3', submittedAt: at(1), reviews: one(4.5, 3, 4, 5, 3.5) },
      { id: 'p4', submittedAt: at(2), reviews: one(4.5, 4, 3, 4, 4.5) },
      { id: 'p2', submittedAt: at(3), reviews: one(4.5, 4, 3.5, 4, 3.5) },
    ];
    const ranked = rank(RULES, inputs);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['p2', 1],
      ['p4', 2],
      ['p3', 3],
      ['p1', 4],
    ]);
    for (const r of ranked) {
      expect(compareRational(r.total!, decimal(4))).toBe(0);
      expect(r.aboveThreshold).toBe(true);
    }
  });

  it('ranks every above-threshold proposal before the below-threshold ones, even with a lower total', () => {
    //   high  5 5 5 5 2.5 → total 4.75, but SME benefit 2.5 < 3: below
    //   flat  3 3 3 3 3   → total 3.00 < 3.5: below
    //   ok    4 3.5 3.5 3.5 3.5 → 1.2 + 0.875 + 0.7 + 0.525 + 0.35 = 3.65: above
    const ranked = rank(RULES, [
      { id: 'high', submittedAt: at(0), reviews: one(5, 5, 5, 5, 2.5) },
      { id: 'flat', submittedAt: at(0), reviews: one(3, 3, 3, 3, 3) },
      { id: 'ok', submittedAt: at(5), reviews: one(4, 3.5, 3.5, 3.5, 3.5) },
    ]);
    expect(ranked.map((r) => [r.id, r.aboveThreshold, toDisplay(r.total!)])).toEqual([
      ['ok', true, 3.65],
      ['high', false, 4.75],
      ['flat', false, 3],
    ]);
  });

  it('counts a total exactly on the overall threshold, and a mean exactly on its threshold, as above', () => {
    // 3 3 5 3 4 → 0.9 + 0.75 + 1.0 + 0.45 + 0.4 = 3.5 exactly (3.4999999999999996 in floats);
    // every mean ≥ 3 with three of them exactly 3.
    const onThreshold = summarize(RULES, { id: 'edge', submittedAt: T0, reviews: one(3, 3, 5, 3, 4) });
    expect(compareRational(onThreshold.total!, decimal(3.5))).toBe(0);
    expect(onThreshold.aboveThreshold).toBe(true);
    // Means from two reviews: (3 + 4) / 2 = 3.5 on every criterion.
    const averaged = summarize(RULES, {
      id: 'avg',
      submittedAt: T0,
      reviews: [...one(3, 3, 3, 3, 3), ...one(4, 4, 4, 4, 4)],
    });
    expect(toDisplay(averaged.total!)).toBe(3.5);
    expect(averaged.aboveThreshold).toBe(true);
    // Just below: one criterion mean 2.5 fails although the total is 3.5 + 0.
    const below = summarize(RULES, { id: 'low', submittedAt: T0, reviews: one(3, 2.5, 3.5, 4, 4.25) });
    expect(below.aboveThreshold).toBe(false);
  });

  it('falls back to earlier submission, then to the id, when totals and every mean are equal', () => {
    const same = one(4, 4, 4, 4, 4);
    expect(
      order([
        { id: 'c', submittedAt: at(2), reviews: same },
        { id: 'b', submittedAt: at(1), reviews: same },
        { id: 'a', submittedAt: at(2), reviews: same },
      ]),
    ).toEqual(['b', 'a', 'c']);
  });

  it('computes means over reviews exactly and flags a spread of at least disagreementDelta', () => {
    // sq: 3, 3.5, 3.5 → 10/3; in: 2, 4 and 3 → spread 2 = delta → disagreement.
    const s = summarize(RULES, {
      id: 'x',
      submittedAt: T0,
      reviews: [
        { sq: 3, in: 2, fe: 3, tr: 3, sme: 3 },
        { sq: 3.5, in: 4, fe: 3, tr: 3, sme: 3 },
        { sq: 3.5, in: 3, fe: 3, tr: 3, sme: 3 },
      ],
    });
    expect(compareRational(s.means[0]!, { num: 10n, den: 3n })).toBe(0);
    expect(toDisplay(s.means[0]!)).toBe(3.333);
    expect(toDisplay(s.spreads[1]!)).toBe(2);
    expect(s.disagreement).toBe(true);
    const calm = summarize(RULES, {
      id: 'y',
      submittedAt: T0,
      reviews: [
        { sq: 3, in: 2.5, fe: 3, tr: 3, sme: 3 },
        { sq: 3, in: 4, fe: 3, tr: 3, sme: 3 },
      ],
    });
    expect(calm.disagreement).toBe(false);
  });

  it('leaves proposals without submitted reviews out and treats a criterion without scores as below', () => {
    const ranked = rank(RULES, [
      { id: 'none', submittedAt: T0, reviews: [] },
      { id: 'partial', submittedAt: T0, reviews: [{ sq: 5, in: 5, fe: 5, tr: 5 }] },
      { id: 'full', submittedAt: at(1), reviews: one(3, 3, 3, 3, 3) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['full', 'partial']);
    expect(ranked[1].total).toBeNull();
    expect(ranked[1].aboveThreshold).toBe(false);
  });

  it('rounds for display half away from zero like SQL round(numeric, 3)', () => {
    expect(toDisplay({ num: 5n, den: 2000n })).toBe(0.003);
    expect(toDisplay({ num: 2n, den: 3n })).toBe(0.667);
    expect(toDisplay({ num: -5n, den: 2000n })).toBe(-0.003);
  });
});
