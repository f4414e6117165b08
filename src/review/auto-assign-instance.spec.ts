import { buildPlan, type PlanInput } from './auto-assign-instance';

const reviewer = (id: string, expertise: string[], load = 0, eligible = true) => ({
  id,
  name: id.toUpperCase(),
  expertise,
  eligible,
  load,
});

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    k: 2,
    maxLoad: 2,
    proposals: [
      { id: 'p1', round: 1, topics: ['Battery', 'lightweight'] },
      { id: 'p2', round: 1, topics: ['hydrogen'] },
    ],
    reviewers: [
      reviewer('r1', ['battery', 'LIGHTWEIGHT ']),
      reviewer('r2', ['hydrogen']),
      reviewer('r3', []),
    ],
    assignments: [],
    bids: [],
    conflicts: [],
    ...overrides,
  };
}

const pairsOf = (plan: ReturnType<typeof buildPlan>) =>
  plan.pairs.map((p) => `${p.proposalId}:${p.reviewerId}:${p.affinity}${p.kept ? ':kept' : ''}`);

describe('buildPlan', () => {
  it('scores topic overlap case- and space-insensitively plus the bid, and fills every slot', () => {
    const bids = [
      { proposalId: 'p2', reviewerId: 'r3', bid: 2 },
      { proposalId: 'p1', reviewerId: 'r3', bid: 1 },
    ];
    const plan = buildPlan(input({ bids }));
    expect(plan).toMatchObject({ filled: 4, needed: 4, short: [] });
    expect(pairsOf(plan).sort()).toEqual(['p1:r1:2', 'p1:r3:1', 'p2:r2:1', 'p2:r3:2']);
    expect(plan.objective).toBe(6);
  });

  it('never picks conflicted, declined or (this round) revoked pairs; reports who is short and why', () => {
    const plan = buildPlan(
      input({
        conflicts: [{ proposalId: 'p1', userId: 'r1' }],
        assignments: [
          { proposalId: 'p1', reviewerId: 'r2', state: 'declined', current: false },
          { proposalId: 'p2', reviewerId: 'r3', state: 'revoked', current: true },
        ],
      }),
    );
    expect(pairsOf(plan)).toEqual(['p1:r3:0', 'p2:r1:0', 'p2:r2:1']);
    expect(plan.short).toEqual([{ proposalId: 'p1', missing: 1, reason: 'too-few-eligible-reviewers' }]);
  });

  it('keeps live pairs of the current round, counts them toward k and the objective, and their load', () => {
    const plan = buildPlan(
      input({
        reviewers: [
          reviewer('r1', ['battery'], 1),
          reviewer('r2', ['hydrogen']),
          reviewer('r3', [], 0, false),
        ],
        assignments: [
          { proposalId: 'p1', reviewerId: 'r1', state: 'submitted', current: true },
          { proposalId: 'p1', reviewerId: 'r3', state: 'accepted', current: true },
          { proposalId: 'p2', reviewerId: 'r1', state: 'submitted', current: false },
        ],
      }),
    );
    expect(pairsOf(plan).sort()).toEqual(['p1:r1:1:kept', 'p1:r3:0:kept', 'p2:r1:0', 'p2:r2:1']);
    expect(plan).toMatchObject({ filled: 2, needed: 2, objective: 2 });
    // Inactive reviewers appear only through their kept pairs, not in the load table.
    expect(plan.load).toEqual([
      { reviewerId: 'r1', name: 'R1', before: 1, after: 2, capacity: 2 },
      { reviewerId: 'r2', name: 'R2', before: 0, after: 1, capacity: 2 },
    ]);
  });

  it('blames the load caps when enough reviewers are free of conflicts but out of capacity', () => {
    const plan = buildPlan(input({ maxLoad: 1 }));
    expect(plan.filled).toBe(3);
    expect(plan.short).toEqual([expect.objectContaining({ missing: 1, reason: 'load-caps' })]);
  });

  it('takes a demand per proposal: an outline with k = 1 next to a full proposal with k = 3', () => {
    const plan = buildPlan(
      input({
        k: 3,
        maxLoad: 5,
        proposals: [
          { id: 'p1', round: 0, topics: ['battery'], k: 1 },
          { id: 'p2', round: 1, topics: ['hydrogen'] },
        ],
      }),
    );
    expect(plan).toMatchObject({ filled: 4, needed: 4, short: [] });
    const per = (id: string) => plan.pairs.filter((p) => p.proposalId === id).length;
    expect([per('p1'), per('p2')]).toEqual([1, 3]);
    // The outline's one review goes to the battery expert.
    expect(pairsOf(plan).filter((p) => p.startsWith('p1:'))).toEqual(['p1:r1:1']);
  });

  it("counts kept pairs against the proposal's own k", () => {
    const plan = buildPlan(
      input({
        k: 3,
        maxLoad: 5,
        proposals: [{ id: 'p1', round: 0, topics: ['battery'], k: 2 }],
        assignments: [{ proposalId: 'p1', reviewerId: 'r2', state: 'accepted', current: true }],
      }),
    );
    expect(plan).toMatchObject({ filled: 1, needed: 1, short: [] });
    expect(pairsOf(plan).sort()).toEqual(['p1:r1:1', 'p1:r2:0:kept']);
  });

  it("uses a reviewer's own lower limit for the call, never one above the call's cap", () => {
    // r1 takes none this time: p1 needs two reviewers, only r2 and r3 remain, each with room for 2.
    const lowered = input({
      reviewers: [
        { ...reviewer('r1', ['battery']), maxLoad: 0 },
        reviewer('r2', ['hydrogen']),
        reviewer('r3', []),
      ],
    });
    const plan = buildPlan(lowered);
    expect(plan.pairs.filter((p) => p.reviewerId === 'r1')).toEqual([]);
    expect(plan.load.find((l) => l.reviewerId === 'r1')).toEqual(
      expect.objectContaining({ after: 0, capacity: 0 }),
    );
    expect(plan.filled).toBe(4);
    // A personal limit above the call's cap does not raise it.
    const raised = buildPlan(
      input({ maxLoad: 1, reviewers: [{ ...reviewer('r1', ['battery']), maxLoad: 5 }, reviewer('r2', [])] }),
    );
    expect(raised.load.map((l) => [l.reviewerId, l.after, l.capacity])).toEqual([
      ['r1', 1, 1],
      ['r2', 1, 1],
    ]);
  });

  it('fingerprints the new pairs, independent of their order', () => {
    expect(buildPlan(input()).fingerprint).toBe(buildPlan(input()).fingerprint);
    expect(buildPlan(input()).fingerprint).not.toBe(buildPlan(input({ maxLoad: 1 })).fingerprint);
  });
});
