import { startTestApp, TestApp } from './support/test-app';
import {
  assignmentAction,
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';

interface Pair {
  proposalId: string;
  reviewerId: string;
  affinity: number;
  kept: boolean;
  assignmentId?: string;
}

/** An independent check: the best (filled, Σ affinity) over every choice of reviewer sets. */
function bruteForce(
  proposals: string[],
  reviewers: string[],
  demand: (p: string) => number,
  capacity: Map<string, number>,
  allowed: (r: string, p: string) => boolean,
  affinity: (r: string, p: string) => number,
): { filled: number; affinity: number } {
  let best = { filled: -1, affinity: -Infinity };
  const left = new Map(capacity);
  const walk = (i: number, filled: number, sum: number) => {
    if (i === proposals.length) {
      if (filled > best.filled || (filled === best.filled && sum > best.affinity))
        best = { filled, affinity: sum };
      return;
    }
    const p = proposals[i];
    const candidates = reviewers.filter((r) => allowed(r, p));
    const choose = (from: number, chosen: number, f: number, s: number) => {
      walk(i + 1, f, s);
      if (chosen === demand(p)) return;
      for (let j = from; j < candidates.length; j++) {
        const r = candidates[j];
        if ((left.get(r) ?? 0) === 0) continue;
        left.set(r, (left.get(r) as number) - 1);
        choose(j + 1, chosen + 1, f + 1, s + affinity(r, p));
        left.set(r, (left.get(r) as number) + 1);
      }
    };
    choose(0, 0, filled, sum);
  };
  walk(0, 0, 0);
  return best;
}

describe('review: automatic assignment of a whole call (docs/CONTRACT.md §4)', () => {
  let t: TestApp;
  let applicant: TestUser;
  /** Five reviewers; R3 works at TU Braunschweig, the partner of COMPLETE_PROPOSAL. */
  const expertise: Record<string, string[]> = {
    R1: ['battery', 'lightweight'],
    R2: ['Battery', 'HYDROGEN'],
    R3: ['software'],
    R4: ['hydrogen', 'software', 'logistics'],
    R5: ['recycling'],
  };
  const organisation: Record<string, string> = {
    R1: 'Org1',
    R2: 'Org2',
    R3: 'TU Braunschweig',
    R4: 'Org4',
    R5: 'Org5',
  };
  const r: Record<string, TestUser> = {};
  const nameOf = new Map<string, string>();

  const autoAssign = (callId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/calls/${callId}/auto-assign`).set(auth(t.officeToken)).send(body);

  async function proposal(callId: string, topics: string[], partners: string[]): Promise<string> {
    return eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      topics,
      partners: partners.map((name) => ({ name, kind: 'sme', city: 'Wolfsburg' })),
    });
  }

  const overlap = (reviewer: string, topics: string[]) =>
    expertise[reviewer].filter((e) => topics.includes(e.toLowerCase())).length;

  beforeAll(async () => {
    t = await startTestApp();
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    for (const key of Object.keys(expertise)) {
      r[key] = await createUser(t, {
        roles: ['reviewer'],
        expertise: expertise[key],
        organisation: organisation[key],
        name: key,
      });
      nameOf.set(r[key].id, key);
    }
  });
  afterAll(() => t.close());

  describe('one call from preview to commit, then a decline', () => {
    let callId: string;
    const topics: Record<string, string[]> = {
      P1: ['battery', 'lightweight'],
      P2: ['hydrogen', 'software'],
      P3: ['software', 'logistics'],
      P4: ['recycling'],
    };
    const ids: Record<string, string> = {};
    const keyOf = new Map<string, string>();
    const bids: Record<string, number> = { 'R5:P2': 2, 'R1:P3': -2, 'R4:P1': 1 };
    const conflicted = new Set(['R3:P1', 'R5:P4']);
    let preview: { body: Record<string, unknown> & { pairs: Pair[]; fingerprint: string } };

    const affinity = (rv: string, p: string) => overlap(rv, topics[p]) + (bids[`${rv}:${p}`] ?? 0);
    const named = (pairs: Pair[]) =>
      pairs.map((pair) => `${keyOf.get(pair.proposalId)}:${nameOf.get(pair.reviewerId)}`).sort();

    beforeAll(async () => {
      callId = (await createOpenCall(t, { reviewsPerProposal: 2, minReviews: 1, maxLoadPerReviewer: 2 })).id;
      for (const key of Object.keys(topics)) {
        ids[key] = await proposal(callId, topics[key], key === 'P1' ? ['TU  braunschweig'] : []);
        keyOf.set(ids[key], key);
      }
      for (const [pair, bid] of Object.entries(bids)) {
        const [rv, p] = pair.split(':');
        const res = await t.http().put(`/api/proposals/${ids[p]}/bid`).set(auth(r[rv].token)).send({ bid });
        expect(res.status).toBe(200);
      }
      const declared = await t
        .http()
        .post(`/api/proposals/${ids.P4}/conflicts`)
        .set(auth(r.R5.token))
        .send({ reason: 'Mein früheres Institut' });
      expect(declared.status).toBe(201);
    });

    it('previews an optimal assignment without writing anything', async () => {
      const res = await autoAssign(callId, { dryRun: true });
      expect(res.status).toBe(200);
      preview = res;
      const expected = bruteForce(
        Object.keys(topics),
        Object.keys(expertise),
        () => 2,
        new Map(Object.keys(expertise).map((k) => [k, 2])),
        (rv, p) => !conflicted.has(`${rv}:${p}`),
        affinity,
      );
      expect(res.body).toMatchObject({
        dryRun: true,
        callId,
        filled: expected.filled,
        objective: expected.affinity,
      });
      expect(res.body.needed).toBe(8);
      expect(res.body.short).toEqual([]);
      for (const pair of res.body.pairs) {
        const [p, rv] = [keyOf.get(pair.proposalId) as string, nameOf.get(pair.reviewerId) as string];
        expect(conflicted.has(`${rv}:${p}`)).toBe(false);
        expect(pair).toMatchObject({ kept: false, affinity: affinity(rv, p) });
      }
      const perProposal = Object.values(ids).map(
        (id) => res.body.pairs.filter((p: Pair) => p.proposalId === id).length,
      );
      expect(perProposal).toEqual([2, 2, 2, 2]);
      for (const load of res.body.load) {
        expect(load).toMatchObject({ before: 0, capacity: 2 });
        expect(load.after).toBe(res.body.pairs.filter((p: Pair) => p.reviewerId === load.reviewerId).length);
        expect(load.after).toBeLessThanOrEqual(2);
        expect(load.name).toBe(nameOf.get(load.reviewerId));
      }
      expect(res.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = $1',
        [callId],
      );
      expect(n).toBe(0);
    });

    it('commits exactly the preview in one go, with audit and outbox rows per assignment', async () => {
      const stale = await autoAssign(callId, { dryRun: false, fingerprint: '0'.repeat(64) });
      expect(stale.status).toBe(409);
      expect(stale.body.fingerprint).toBe(preview.body.fingerprint);
      const none = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM assignments a JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = $1',
        [callId],
      );
      expect(none[0].n).toBe(0);

      const res = await autoAssign(callId, { dryRun: false, fingerprint: preview.body.fingerprint });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: false, filled: 8, objective: preview.body.objective });
      expect(named(res.body.pairs)).toEqual(named(preview.body.pairs));
      const rows: { id: string; proposal_id: string; reviewer_id: string; state: string; due_at: Date }[] =
        await t.dataSource.query(
          `SELECT a.id, a.proposal_id, a.reviewer_id, a.state, a.due_at FROM assignments a
             JOIN proposals p ON p.id = a.proposal_id WHERE p.call_id = $1`,
          [callId],
        );
      expect(rows).toHaveLength(8);
      expect(new Set(rows.map((a) => a.state))).toEqual(new Set(['invited']));
      expect(new Set(res.body.pairs.map((p: Pair) => p.assignmentId))).toEqual(
        new Set(rows.map((a) => a.id)),
      );
      for (const a of rows) {
        const due = a.due_at.getTime() - Date.now();
        expect(due).toBeGreaterThan(20 * 86_400_000);
        expect(due).toBeLessThan(22 * 86_400_000);
      }
      const outbox = await t.dataSource.query(
        `SELECT kind, count(*)::int AS n FROM outbox WHERE payload->>'assignmentId' = ANY($1) GROUP BY kind ORDER BY kind`,
        [rows.map((a) => a.id)],
      );
      expect(outbox).toEqual([
        { kind: 'mail.invitation', n: 8 },
        { kind: 'reminder.schedule', n: 8 },
      ]);
      const audits = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'assignment' AND action = 'create'
            AND entity_id = ANY($1) AND data->>'source' = 'auto'`,
        [rows.map((a) => a.id)],
      );
      expect(audits[0].n).toBe(8);
      const [callAudit] = await t.dataSource.query(
        `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'auto-assign'`,
        [callId],
      );
      expect(callAudit.data).toEqual({ created: 8, objective: preview.body.objective, short: 0 });

      const again = await autoAssign(callId, { dryRun: true });
      expect(again.body).toMatchObject({ filled: 0, needed: 0, objective: preview.body.objective });
      expect(again.body.pairs.every((p: Pair) => p.kept)).toBe(true);
      expect(again.body.load.every((l: { before: number; after: number }) => l.before === l.after)).toBe(
        true,
      );
    });

    it('keeps the live pairs, never re-picks a reviewer who declined, and respects the remaining load', async () => {
      const mine = await t.http().get(`/api/assignments?mine=1&callId=${callId}`).set(auth(r.R4.token));
      expect(mine.body.items).toHaveLength(2);
      const declinedOne = mine.body.items[0];
      const acceptedOne = mine.body.items[1];
      expect(
        (await assignmentAction(t, r.R4.token, declinedOne.id, 'decline', { reason: 'Befangen' })).status,
      ).toBe(200);
      expect((await assignmentAction(t, r.R4.token, acceptedOne.id, 'accept')).status).toBe(200);
      const declinedPair = `${nameOf.get(r.R4.id)}:${keyOf.get(declinedOne.proposalId)}`;

      const res = await autoAssign(callId, { dryRun: true });
      expect(res.status).toBe(200);
      const kept: Pair[] = res.body.pairs.filter((p: Pair) => p.kept);
      const fresh: Pair[] = res.body.pairs.filter((p: Pair) => !p.kept);
      expect(kept).toHaveLength(7);
      expect(res.body.needed).toBe(1);
      for (const pair of fresh) {
        expect(pair.proposalId).toBe(declinedOne.proposalId);
        expect(pair.reviewerId).not.toBe(r.R4.id);
      }
      // The independent optimum of the remaining slot: kept pairs use up load, the declined one does not.
      const load = new Map(Object.keys(expertise).map((k) => [k, 2]));
      for (const pair of kept)
        load.set(
          nameOf.get(pair.reviewerId) as string,
          (load.get(nameOf.get(pair.reviewerId) as string) as number) - 1,
        );
      const keptSet = new Set(kept.map((p) => `${nameOf.get(p.reviewerId)}:${keyOf.get(p.proposalId)}`));
      const expected = bruteForce(
        [keyOf.get(declinedOne.proposalId) as string],
        Object.keys(expertise),
        () => 1,
        load,
        (rv, p) =>
          !conflicted.has(`${rv}:${p}`) && !keptSet.has(`${rv}:${p}`) && `${rv}:${p}` !== declinedPair,
        affinity,
      );
      const keptAffinity = kept.reduce((s, p) => s + p.affinity, 0);
      expect(res.body.filled).toBe(expected.filled);
      expect(res.body.objective).toBe(keptAffinity + expected.affinity);
      const r4 = res.body.load.find((l: { reviewerId: string }) => l.reviewerId === r.R4.id);
      expect(r4.before).toBe(1);

      const committed = await autoAssign(callId, { dryRun: false });
      expect(committed.status).toBe(200);
      const live = await t.dataSource.query(
        `SELECT a.reviewer_id, count(*)::int AS n FROM assignments a JOIN proposals p ON p.id = a.proposal_id
          WHERE p.call_id = $1 AND a.state IN ('invited', 'accepted', 'submitted') GROUP BY a.reviewer_id`,
        [callId],
      );
      for (const row of live) expect(row.n).toBeLessThanOrEqual(2);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM assignments WHERE proposal_id = $1 AND reviewer_id = $2`,
        [declinedOne.proposalId, r.R4.id],
      );
      expect(n).toBe(1);
    });
  });

  it('reports proposals left short, by cause: too few conflict-free reviewers, or the load caps', async () => {
    const callId = (await createOpenCall(t, { reviewsPerProposal: 3, minReviews: 2, maxLoadPerReviewer: 1 }))
      .id;
    const q1 = await proposal(callId, ['battery'], ['org1', 'ORG2', ' Org4 ']); // only R3 and R5 are conflict-free
    const q2 = await proposal(callId, ['software'], []);
    const q3 = await proposal(callId, ['hydrogen'], []);
    const res = await autoAssign(callId, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ needed: 9, filled: 5 });
    const q1Pairs = res.body.pairs
      .filter((p: Pair) => p.proposalId === q1)
      .map((p: Pair) => nameOf.get(p.reviewerId));
    expect(q1Pairs.every((name: string) => ['R3', 'R5'].includes(name))).toBe(true);
    const short = Object.fromEntries(
      res.body.short.map((s: { proposalId: string; missing: number; reason: string }) => [s.proposalId, s]),
    );
    expect(short[q1]).toMatchObject({ reason: 'too-few-eligible-reviewers' });
    expect(short[q1].missing).toBeGreaterThanOrEqual(1);
    const missing = res.body.short.reduce((sum: number, s: { missing: number }) => sum + s.missing, 0);
    expect(missing).toBe(4);
    for (const q of [q2, q3]) if (short[q]) expect(short[q].reason).toBe('load-caps');
    for (const load of res.body.load) expect(load.after).toBeLessThanOrEqual(1);
    const expected = bruteForce(
      ['q1', 'q2', 'q3'],
      Object.keys(expertise),
      () => 3,
      new Map(Object.keys(expertise).map((k) => [k, 1])),
      (rv, p) => p !== 'q1' || ['R3', 'R5'].includes(rv),
      (rv, p) => overlap(rv, { q1: ['battery'], q2: ['software'], q3: ['hydrogen'] }[p] as string[]),
    );
    expect({ filled: res.body.filled, affinity: res.body.objective }).toEqual(expected);
  });

  it('answers 404 for an unknown call and 400 without dryRun', async () => {
    expect((await autoAssign('00000000-0000-4000-8000-000000000000', { dryRun: true })).status).toBe(404);
    const callId = (await createOpenCall(t)).id;
    expect((await autoAssign(callId, {})).status).toBe(400);
    expect((await autoAssign(callId, { dryRun: 'yes' })).status).toBe(400);
    const empty = await autoAssign(callId, { dryRun: true });
    expect(empty.body).toMatchObject({ filled: 0, objective: 0, pairs: [], short: [] });
  });
});
