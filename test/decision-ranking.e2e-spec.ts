import { defaultRubric } from '@/calls/rubric';
import { rank, RankingInput, toDisplay } from '@/decision/ranking-rules';
import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers, defaultScores as s, seedReviews } from './support/seed-reviews';

/** Scores of three reviews per criterion, in default-rubric order. */
function threeReviews(perCriterion: [number, number, number][]): Record<string, number>[] {
  return [0, 1, 2].map((r) => s(...perCriterion.map((c) => c[r])));
}

describe('scores and ranking (exact numeric SQL)', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let otherApplicant: TestUser;
  let reviewers: TestUser[];
  let steering: TestUser;
  const ids: Record<string, string> = {};

  const ranking = (token: string) => t.http().get(`/api/calls/${callId}/ranking`).set(auth(token));
  const proposal = (title: string, who = applicant) =>
    eligibleProposal(t, who, callId, { ...COMPLETE_PROPOSAL, title });
  const decide = async (name: string, reviews: Record<string, number>[], who = applicant) => {
    ids[name] = await proposal(name, who);
    await awaitingDecision(
      t,
      ids[name],
      reviews.map((scores, i) => ({ reviewer: reviewers[i], scores })),
    );
  };

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t, { minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    otherApplicant = await registerApplicant(t, 'Forschungsinstitut Nord');
    reviewers = await createReviewers(t, 3);
    steering = await createUser(t, { roles: ['steering'], organisation: 'Stadtwerke' });

    // Submitted in this order; the ranking must not simply follow it.
    // X: every criterion 4, 3.5, 3.5 → means 11/3, total 11/3.
    await decide('X', threeReviews(Array(5).fill([4, 3.5, 3.5])));
    // Y: sums 11.5, 11, 10.5, 11, 10.5 → means 23/6, 22/6, 21/6, 22/6, 21/6; 6·23+5·22+4·21+3·22+2·21 = 440
    // = 20·22 as for X: the same total 11/3 on paper, so the first criterion (23/6 > 22/6) puts Y first.
    await decide(
      'Y',
      threeReviews([
        [4, 4, 3.5],
        [4, 3.5, 3.5],
        [3.5, 3.5, 3.5],
        [4, 3.5, 3.5],
        [3.5, 3.5, 3.5],
      ]),
    );
    // B: 4 everywhere, total 4. A: 4.5 3 4 5 3.5, total 4 on paper (3.9999999999999996 in floats),
    // better first criterion → A before B although B was submitted first.
    await decide('B', [s(4, 4, 4, 4, 4)]);
    await decide('A', [s(4.5, 3, 4, 5, 3.5)]);
    // C: the same as B, submitted later → right after B.
    await decide('C', [s(4, 4, 4, 4, 4)]);
    // Z: total 4.75 but SME benefit 2.5 < 3 → after every above-threshold proposal.
    await decide('Z', [s(5, 5, 5, 5, 2.5)]);
    // E: 3 3 5 3 4 → total exactly 3.5 (3.4999999999999996 in floats) → above.
    await decide('E', [s(3, 3, 5, 3, 4)]);
    // G, then F: both total 10/3 on paper, below the overall threshold. In floats F comes out below G in
    // every summation order (3.333333333333333 vs 3.3333333333333335); exactly they tie and F's first
    // criterion (11/3 > 3) puts it first. Sums per criterion: G 9 10 11 10 11, F 11 9 11 9 9.
    await decide(
      'G',
      threeReviews([
        [3, 3, 3],
        [3.5, 3.5, 3],
        [4, 3.5, 3.5],
        [3.5, 3.5, 3],
        [4, 3.5, 3.5],
      ]),
    );
    await decide(
      'F',
      threeReviews([
        [4, 3.5, 3.5],
        [3, 3, 3],
        [4, 3.5, 3.5],
        [3, 3, 3],
        [3, 3, 3],
      ]),
    );
    // D: disagreement — innovation 1.5 and 5 (spread 3.5 ≥ 2).
    await decide('D', [s(4, 1.5, 4, 4, 4), s(4, 5, 4, 4, 4)], otherApplicant);
    // Not ranked: still in review with one review in, and eligible without reviews.
    ids.inReview = await proposal('in review');
    await seedReviews(t, ids.inReview, [{ reviewer: reviewers[0], scores: s(5, 5, 5, 5, 5) }]);
    ids.eligible = await proposal('eligible');
  });
  afterAll(() => t.close());

  it('computes per-criterion mean, min, max, spread, the weighted total and the flags', async () => {
    const res = await t.http().get(`/api/proposals/${ids.Y}/scores`).set(auth(t.officeToken));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      round: 1,
      criteria: {
        scientific_quality: { mean: 3.833, min: 3.5, max: 4, spread: 0.5 },
        innovation: { mean: 3.667, min: 3.5, max: 4, spread: 0.5 },
        feasibility: { mean: 3.5, min: 3.5, max: 3.5, spread: 0 },
        transfer: { mean: 3.667, min: 3.5, max: 4, spread: 0.5 },
        sme_benefit: { mean: 3.5, min: 3.5, max: 3.5, spread: 0 },
      },
      total: 3.667,
      aboveThreshold: true,
      disagreement: false,
      reviewCount: 3,
      consensus: false,
    });
    expect(Object.keys(res.body.criteria)).toEqual(defaultRubric().criteria.map((c) => c.key));

    const d = await t.http().get(`/api/proposals/${ids.D}/scores`).set(auth(t.officeToken));
    expect(d.body).toMatchObject({
      disagreement: true,
      criteria: { innovation: { mean: 3.25, min: 1.5, max: 5, spread: 3.5 } },
      total: 3.813,
    });

    const none = await t.http().get(`/api/proposals/${ids.eligible}/scores`).set(auth(t.officeToken));
    expect(none.body).toMatchObject({
      reviewCount: 0,
      total: null,
      aboveThreshold: false,
      disagreement: false,
    });
    expect(none.body.criteria.innovation).toEqual({ mean: null, min: null, max: null, spread: null });
  });

  it('counts a total exactly on the overall threshold as above', async () => {
    const res = await t.http().get(`/api/proposals/${ids.E}/scores`).set(auth(t.officeToken));
    expect(res.body).toMatchObject({ total: 3.5, aboveThreshold: true });
  });

  it('ranks above-threshold first, then by total, ties by criteria in priority order, then submission', async () => {
    const res = await ranking(t.officeToken);
    expect(res.status).toBe(200);
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    expect(res.body.rows.map((r: { proposalId: string }) => names[r.proposalId])).toEqual([
      'A', // 4 (first criterion 4.5)
      'B', // 4, submitted before C
      'C', // 4
      'D', // 3.8125
      'Y', // 11/3, first criterion 23/6
      'X', // 11/3, first criterion 22/6
      'E', // exactly 3.5
      'Z', // 4.75 but below a criterion threshold
      'F', // 10/3, below the overall threshold; first criterion 11/3
      'G', // 10/3, first criterion 3
    ]);
    expect(res.body.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(res.body.criteria).toEqual(defaultRubric().criteria.map((c) => c.key));
    const y = res.body.rows[4];
    expect(y).toMatchObject({
      proposalId: ids.Y,
      title: 'Y',
      acronym: COMPLETE_PROPOSAL.acronym,
      state: 'awaiting_decision',
      total: 3.667,
      aboveThreshold: true,
      disagreement: false,
      votes: { approve: 0, reject: 0, revise: 0, abstain: 0 },
    });
    expect(y.criteria.scientific_quality).toEqual({ mean: 3.833, spread: 0.5 });
    const yProposal = await t.http().get(`/api/proposals/${ids.Y}`).set(auth(t.officeToken));
    expect(y).toMatchObject({ round: 1, reviewCount: 3, submittedAt: yProposal.body.submittedAt });
    expect(res.body.rows[7]).toMatchObject({ total: 4.75, aboveThreshold: false });
    expect(res.body.rows[8]).toMatchObject({ total: 3.333, aboveThreshold: false });
  });

  it('compares totals that are equal on paper as equal in SQL (no float noise)', async () => {
    // The exact values behind the ranking: totals of X and Y, and of A and B, are identical numerics.
    const rows: { title: string; total: string }[] = await t.dataSource.query(
      `WITH s AS (
         SELECT p.title, rs.criterion_key AS key, sum(rs.score) AS total, count(*) AS n
           FROM proposals p JOIN assignments a ON a.proposal_id = p.id JOIN reviews r ON r.assignment_id = a.id
           JOIN review_scores rs ON rs.review_id = r.id
          WHERE p.call_id = $1 AND p.title IN ('A', 'B', 'F', 'G', 'X', 'Y') GROUP BY 1, 2)
       SELECT title, (sum(total * CASE key WHEN 'scientific_quality' THEN 0.3 WHEN 'innovation' THEN 0.25
              WHEN 'feasibility' THEN 0.2 WHEN 'transfer' THEN 0.15 ELSE 0.1 END)::numeric(40, 30) / min(n))::text AS total
         FROM s GROUP BY title ORDER BY title`,
      [callId],
    );
    const total = Object.fromEntries(rows.map((r) => [r.title, r.total]));
    expect(total.A).toBe(total.B);
    expect(total.X).toBe(total.Y);
    expect(total.F).toBe(total.G);
    // What a float implementation would have done: A below B, so the first criterion would never decide.
    const float = (v: number[]) => [0.3, 0.25, 0.2, 0.15, 0.1].reduce((sum, w, i) => sum + w * v[i], 0);
    expect(float([4.5, 3, 4, 5, 3.5])).toBeLessThan(float([4, 4, 4, 4, 4]));
  });

  it('orders exactly as the pure ranking rules on the same data', async () => {
    const rows: { id: string; submitted_at: Date; review_id: string; key: string; score: string }[] =
      await t.dataSource.query(
        `SELECT p.id, p.submitted_at, r.id AS review_id, rs.criterion_key AS key, rs.score
           FROM proposals p
           JOIN assignments a ON a.proposal_id = p.id AND a.round = p.round AND a.state = 'submitted'
           JOIN reviews r ON r.assignment_id = a.id AND r.submitted_at IS NOT NULL
           JOIN review_scores rs ON rs.review_id = r.id
          WHERE p.call_id = $1 AND p.state = 'awaiting_decision'`,
        [callId],
      );
    const inputs = new Map<string, RankingInput & { byReview: Map<string, Record<string, number>> }>();
    for (const row of rows) {
      const input = inputs.get(row.id) ?? {
        id: row.id,
        submittedAt: row.submitted_at,
        reviews: [],
        byReview: new Map(),
      };
      inputs.set(row.id, input);
      const review = input.byReview.get(row.review_id) ?? {};
      input.byReview.set(row.review_id, review);
      review[row.key] = Number(row.score);
    }
    for (const input of inputs.values()) input.reviews = [...input.byReview.values()];
    const expected = rank(defaultRubric(), [...inputs.values()]);
    const actual = (await ranking(t.officeToken)).body.rows;
    expect(actual.map((r: { proposalId: string }) => r.proposalId)).toEqual(expected.map((e) => e.id));
    expect(actual.map((r: { total: number }) => r.total)).toEqual(expected.map((e) => toDisplay(e.total!)));
    expect(actual.map((r: { aboveThreshold: boolean }) => r.aboveThreshold)).toEqual(
      expected.map((e) => e.aboveThreshold),
    );
  });

  it('ranks from the round snapshots written at the end of review, and the same without them', async () => {
    const before = (await ranking(t.officeToken)).body;
    const snapshots: { proposal_id: string }[] = await t.dataSource.query(
      'SELECT rs.proposal_id FROM round_scores rs JOIN proposals p ON p.id = rs.proposal_id WHERE p.call_id = $1',
      [callId],
    );
    expect(snapshots.map((r) => r.proposal_id).sort()).toEqual(
      before.rows.map((r: { proposalId: string }) => r.proposalId).sort(),
    );
    // Without some, then without any snapshot (proposals brought past review by SQL): aggregated live.
    await t.dataSource.query('DELETE FROM round_scores WHERE proposal_id = ANY($1)', [[ids.A, ids.X, ids.F]]);
    expect((await ranking(t.officeToken)).body).toEqual(before);
    await t.dataSource.query('DELETE FROM round_scores');
    expect((await ranking(t.officeToken)).body).toEqual(before);
  });

  it('answers CSV with a header row for Accept: text/csv', async () => {
    const res = await t
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(t.officeToken))
      .set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'rank,proposalId,title,acronym,state,round,reviewCount,total,aboveThreshold,disagreement,' +
        'scientific_quality_mean,scientific_quality_spread,innovation_mean,innovation_spread,' +
        'feasibility_mean,feasibility_spread,transfer_mean,transfer_spread,sme_benefit_mean,sme_benefit_spread,' +
        'votes_approve,votes_reject,votes_revise,votes_abstain,' +
        // Issue 15: the stage and the requested funding, in total and per partner kind (empty without budgets).
        'stage,requestedFundingEur,requestedFunding_sme,requestedFunding_large,requestedFunding_research,' +
        'requestedFunding_public,requestedFunding_other,' +
        // The funding line (issue 16); this call has no budget, so every above-threshold row is within.
        'cumulativeRequestedEur,fundingLine,outcome,grantedFundingEur',
    );
    expect(lines).toHaveLength(11);
    expect(lines[5]).toBe(
      `5,${ids.Y},Y,${COMPLETE_PROPOSAL.acronym},awaiting_decision,1,3,3.667,true,false,` +
        '3.833,0.5,3.667,0.5,3.5,0,3.667,0.5,3.5,0,0,0,0,0,' +
        `full,${COMPLETE_PROPOSAL.requestedFundingEur},,,,,,1250000,within,,`,
    );
  });

  it('quotes CSV fields and defuses spreadsheet formulas in applicant text', async () => {
    const title = '=HYPERLINK("x"), "Leichtbau"';
    const id = await proposal(title);
    await awaitingDecision(t, id, [{ reviewer: reviewers[0], scores: s(1, 1, 1, 1, 1) }]);
    const res = await t
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(t.officeToken))
      .set('Accept', 'text/csv');
    const last = res.text.trim().split('\r\n').at(-1) as string;
    expect(last).toContain(`,"'=HYPERLINK(""x""), ""Leichtbau""",`);
  });

  it('shows the vote tally per row', async () => {
    const vote = await t
      .http()
      .put(`/api/proposals/${ids.X}/vote`)
      .set(auth(steering.token))
      .send({ vote: 'revise' });
    expect(vote.status).toBe(200);
    const res = await ranking(steering.token);
    const x = res.body.rows.find((r: { proposalId: string }) => r.proposalId === ids.X);
    expect(x.votes).toEqual({ approve: 0, reject: 0, revise: 1, abstain: 0 });
  });

  it('gives a conflicted steering member no row for that proposal and ranks the rest without gaps', async () => {
    // Same organisation as the other applicant (spelled differently), and a declared conflict for Y.
    const conflicted = await createUser(t, {
      roles: ['steering'],
      organisation: '  forschungsinstitut   NORD ',
    });
    await t.dataSource.query(
      `INSERT INTO conflicts (proposal_id, user_id, reason, declared_by)
       SELECT $1, $2, 'Berät den Antragsteller', id FROM users WHERE 'office' = ANY(roles) LIMIT 1`,
      [ids.Y, conflicted.id],
    );
    const office = (await ranking(t.officeToken)).body.rows.map((r: { proposalId: string }) => r.proposalId);
    const res = await ranking(conflicted.token);
    expect(res.status).toBe(200);
    const seen = res.body.rows.map((r: { proposalId: string }) => r.proposalId);
    expect(seen).toEqual(office.filter((id: string) => id !== ids.D && id !== ids.Y));
    expect(res.body.rows.map((r: { rank: number }) => r.rank)).toEqual(
      seen.map((_: string, i: number) => i + 1),
    );
    const scores = await t.http().get(`/api/proposals/${ids.D}/scores`).set(auth(conflicted.token));
    expect(scores.status).toBe(404);
  });

  it('answers 404 for an unknown call and 403 for roles other than office and steering', async () => {
    const unknown = await t
      .http()
      .get('/api/calls/00000000-0000-4000-8000-000000000000/ranking')
      .set(auth(t.officeToken));
    expect(unknown.status).toBe(404);
    expect((await ranking(applicant.token)).status).toBe(403);
    expect((await ranking(reviewers[0].token)).status).toBe(403);
  });
});
