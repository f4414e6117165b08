import { startTestApp, TestApp } from './support/test-app';
import {
  assignReviewer,
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, defaultScores as s } from './support/seed-reviews';

interface Entry {
  userId: string;
  kind: string;
  partnerAddedInRevision: boolean;
}

/** Issue 11: look-alike organisation names, partner changes during a revision, own reviews. */
describe('conflicts of interest: look-alike names and partner changes during revision', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;

  const conflictsOf = async (proposalId: string, token = t.officeToken): Promise<Entry[]> => {
    const res = await t.http().get(`/api/proposals/${proposalId}/conflicts`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body;
  };
  const reviewer = (organisation: string) => createUser(t, { roles: ['reviewer'], organisation });

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t, { revisionPeriodDays: 14, minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
  });
  afterAll(() => t.close());

  it('takes look-alike spellings of the applicant’s and the partners’ organisations for the same organisation', async () => {
    const ownCall = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(t, applicant, ownCall, {
      ...COMPLETE_PROPOSAL,
      partners: [
        { name: 'TU Braunschweig', kind: 'research', city: 'Braunschweig' },
        { name: 'Hochschule\u200b Wolfsburg', kind: 'research', city: 'Wolfsburg' },
      ],
    });
    const lookAlikes = [
      'Zulieferer\u200b GmbH', // zero-width space
      'Zulieferer\u00a0GmbH', // no-break space
      'Zulieferer GmbH.', // trailing dot
      'Zuli\u0435ferer GmbH', // Cyrillic "е"
      'ZULIEFERER-GMBH', // punctuation and case
      '\u0422U Braunschweig', // Cyrillic "Т", against a partner
      'Hochschule Wolfsburg', // the partner's name carries the zero-width space
    ];
    const conflicted: TestUser[] = [];
    for (const organisation of lookAlikes) conflicted.push(await reviewer(organisation));
    const distinct = await reviewer('Zulieferer Süd AG');

    for (const user of conflicted) {
      const res = await assignReviewer(t, proposalId, user.id);
      expect({ organisation: lookAlikes[conflicted.indexOf(user)], status: res.status }).toMatchObject({
        status: 409,
      });
      expect(res.body.detail).toContain('conflict of interest');
    }
    expect((await assignReviewer(t, proposalId, distinct.id)).status).toBe(201);

    const entries = await conflictsOf(proposalId);
    const byOrganisation = entries.filter((e) => e.kind === 'organisation').map((e) => e.userId);
    expect(byOrganisation.sort()).toEqual(conflicted.map((u) => u.id).sort());

    // The set-based pairs (auto-assignment, ranking) use the same keys: no look-alike is proposed.
    const run = await t
      .http()
      .post(`/api/calls/${ownCall}/auto-assign`)
      .set(auth(t.officeToken))
      .send({ dryRun: true });
    expect(run.status).toBe(200);
    const proposed = (run.body.pairs as { proposalId: string; reviewerId: string }[])
      .filter((p) => p.proposalId === proposalId)
      .map((p) => p.reviewerId);
    expect(proposed.length).toBeGreaterThan(0);
    for (const user of conflicted) expect(proposed).not.toContain(user.id);
  });

  it('follows a look-alike organisation given to a user later, and the key follows the name back', async () => {
    const proposalId = await eligibleProposal(t, applicant, callId);
    const user = await reviewer('Elsewhere AG');
    expect((await conflictsOf(proposalId)).map((e) => e.userId)).not.toContain(user.id);
    const patch = (organisation: string) =>
      t.http().patch(`/api/users/${user.id}`).set(auth(t.officeToken)).send({ organisation });
    expect((await patch('tu braunschweig.')).status).toBe(200);
    expect((await conflictsOf(proposalId)).map((e) => e.userId)).toContain(user.id);
    expect((await patch('TU Berlin')).status).toBe(200);
    expect((await conflictsOf(proposalId)).map((e) => e.userId)).not.toContain(user.id);
  });

  describe('a partner added during revision', () => {
    let id: string;
    let authors: TestUser[];
    let chair: TestUser;
    let member: TestUser;
    let outsider: TestUser;
    let reviser: TestUser;
    /** The office's organisation conflicts among this block's board members. */
    const organisationConflicts = async () => {
      const mine = new Set([...authors, chair, member, outsider].map((u) => u.id));
      return (await conflictsOf(id)).filter((e) => e.kind === 'organisation' && mine.has(e.userId));
    };

    const history = async (token = t.officeToken) =>
      (await t.http().get(`/api/proposals/${id}/history`).set(auth(token))).body as {
        action: string;
        data: Record<string, unknown>;
      }[];
    const voters = async () => {
      const res = await t.http().get(`/api/proposals/${id}/votes?round=1`).set(auth(t.officeToken));
      expect(res.status).toBe(200);
      return res.body as { eligibleVoters: number; votes: { voterId: string }[] };
    };
    const setPartners = (partners: { name: string; kind: string; city: string }[]) =>
      t.http().patch(`/api/proposals/${id}`).set(auth(reviser.token)).send({ partners });
    const reviewsAs = (user: TestUser) =>
      t.http().get(`/api/proposals/${id}/reviews?round=1`).set(auth(user.token));
    const base = [{ name: 'Universität Hildesheim', kind: 'research', city: 'Hildesheim' }];
    const added = [
      { name: 'Leichtbau\u00a0Institut.', kind: 'research', city: 'Hannover' },
      { name: 'Hochschule Wolfsburg', kind: 'research', city: 'Wolfsburg' },
    ];
    const respelt = added.map((p) => ({ ...p, name: p.name.toUpperCase() }));

    beforeAll(async () => {
      authors = [await reviewer('Hochschule Wolfsburg'), await reviewer('Beirat'), await reviewer('Beirat')];
      chair = await createUser(t, { roles: ['steering'], chair: true, organisation: 'Land' });
      member = await createUser(t, { roles: ['steering'], organisation: 'Leichtbau Institut' });
      outsider = await reviewer('Beirat Nord');
      reviser = await registerApplicant(t, 'Karosseriebau Kraft KG');
      id = await eligibleProposal(t, reviser, callId, { ...COMPLETE_PROPOSAL, partners: base });
      await awaitingDecision(
        t,
        id,
        authors.map((a, i) => ({
          reviewer: a,
          scores: s(4, 3, 3, 4, 3),
          commentToApplicant: `Runde 1, Gutachten ${i + 1}`,
        })),
      );
      const vote = (u: TestUser) =>
        t.http().put(`/api/proposals/${id}/vote`).set(auth(u.token)).send({ vote: 'revise' });
      expect((await vote(member)).status).toBe(200);
      expect((await vote(chair)).status).toBe(200);
      const decided = await t
        .http()
        .post(`/api/proposals/${id}/decision`)
        .set(auth(chair.token))
        .send({ outcome: 'revision_requested', rationale: 'Bitte überarbeiten.' });
      expect(decided.status).toBe(201);
    });

    it('before the change: no conflict, the member’s vote counts, no partner event', async () => {
      expect(await organisationConflicts()).toEqual([]);
      expect((await voters()).votes.map((v) => v.voterId)).toContain(member.id);
      expect((await history()).map((e) => e.action)).not.toContain('revise-partners');
    });

    it('re-derives the conflicts at once and shows the change to the office', async () => {
      const res = await setPartners([...base, ...added]);
      expect(res.status).toBe(200);

      const events = (await history()).filter((e) => e.action === 'revise-partners');
      expect(events).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ round: 1, added: added.map((p) => p.name), removed: [] }),
        }),
      ]);
      const flagged = (await organisationConflicts()).map((e) => [e.userId, e.partnerAddedInRevision]);
      expect(flagged.sort()).toEqual(
        [
          [member.id, true],
          [authors[0].id, true],
        ].sort(),
      );
      const applicantEntry = (await conflictsOf(id)).find((e) => e.kind === 'applicant');
      expect(applicantEntry).toMatchObject({ userId: reviser.id, partnerAddedInRevision: false });
      // The member is out of the vote (that is what a conflict means) — now visible, not silent.
      expect((await voters()).votes.map((v) => v.voterId)).not.toContain(member.id);
      // The member reads their own entry with the flag.
      expect(await conflictsOf(id, member.token)).toEqual([
        expect.objectContaining({ userId: member.id, kind: 'organisation', partnerAddedInRevision: true }),
      ]);
    });

    it('records no event for an edit that keeps the partner organisations (a re-spelling)', async () => {
      expect((await setPartners([...base, ...respelt])).status).toBe(200);
      expect((await history()).filter((e) => e.action === 'revise-partners')).toHaveLength(1);
    });

    it('keeps a now conflicted reviewer’s own round-1 review readable to them, and only that', async () => {
      const own = await reviewsAs(authors[0]);
      expect(own.status).toBe(200);
      expect(own.body.map((r: { reviewerId: string }) => r.reviewerId)).toEqual([authors[0].id]);
      expect(own.body[0].commentToApplicant).toBe('Runde 1, Gutachten 1');
      // Others still see all three; a conflicted member who wrote none is refused as before.
      expect((await reviewsAs(authors[1])).body).toHaveLength(3);
      expect((await reviewsAs(member)).status).toBe(403);
      const none = await reviewsAs(outsider);
      expect(none.status).toBe(200);
      expect(none.body).toEqual([]);
    });

    it('removing the partner again lifts the conflict and is recorded too', async () => {
      expect((await setPartners(base)).status).toBe(200);
      const events = (await history()).filter((e) => e.action === 'revise-partners');
      expect(events[events.length - 1].data).toMatchObject({
        added: [],
        removed: respelt.map((p) => p.name),
      });
      expect(await organisationConflicts()).toEqual([]);
      expect((await voters()).votes.map((v) => v.voterId)).toContain(member.id);
    });
  });
});
