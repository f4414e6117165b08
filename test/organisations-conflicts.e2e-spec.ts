import { Call } from '@/calls/call.entity';
import { AutoAssignService } from '@/review/auto-assign.service';
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
  reason: string | null;
}

/** Issue 14: conflicts through the organisation registry (groups, aliases, competitors, personal). */
describe('organisation registry: conflicts of interest', () => {
  let t: TestApp;
  let applicant: TestUser;

  const office = () => auth(t.officeToken);
  const createOrg = async (body: Record<string, unknown>): Promise<{ id: string; smeStatus: string }> => {
    const res = await t.http().post('/api/organisations').set(office()).send(body);
    if (res.status !== 201) throw new Error(`organisation: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const conflictsOf = async (proposalId: string): Promise<Entry[]> =>
    (await t.http().get(`/api/proposals/${proposalId}/conflicts`).set(office())).body;
  const flagged = async (): Promise<string[]> => {
    const res = await t.http().get('/api/organisations/conflicted-assignments').set(office());
    expect(res.status).toBe(200);
    return res.body.map((a: { assignmentId: string }) => a.assignmentId);
  };
  const withPartner = (name: string, kind = 'large') => ({
    ...COMPLETE_PROPOSAL,
    partners: [{ name, kind, city: 'Wolfsburg' }],
  });
  /** The conflicted pairs in the instance the auto-assign solver is given for the call. */
  const solverConflicts = async (callId: string): Promise<string[]> => {
    const call = await t.dataSource.getRepository(Call).findOneByOrFail({ id: callId });
    const { input } = await t.app.get(AutoAssignService).instance(t.dataSource.manager, call, null);
    return input.conflicts.map((c) => `${c.proposalId}:${c.userId}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    applicant = await registerApplicant(t, 'Zulieferer Nord GmbH');
  });
  afterAll(() => t.close());

  it('keeps a CARIAD SE reviewer off a "Volkswagen Aktiengesellschaft" proposal once the alias is recorded, and flags the earlier assignment', async () => {
    const vw = await createOrg({
      name: 'Volkswagen AG',
      kind: 'large',
      employees: 10_000,
      city: 'Wolfsburg',
    });
    const cariad = await createOrg({
      name: 'CARIAD SE',
      kind: 'large',
      parentId: vw.id,
      employees: 40,
      turnoverEur: 8_000_000,
    });
    expect(cariad.smeStatus).toBe('not_sme');
    const callId = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(
      t,
      applicant,
      callId,
      withPartner('Volkswagen Aktiengesellschaft'),
    );
    const early = await createUser(t, { roles: ['reviewer'], organisation: 'CARIAD SE' });
    const late = await createUser(t, { roles: ['reviewer'], organisation: 'Cariad' });

    // Without the alias "Volkswagen Aktiengesellschaft" is a stranger ("VW AG" = "Volkswagen AG" only by alias).
    const before = await assignReviewer(t, proposalId, early.id);
    expect(before.status).toBe(201);
    expect(await flagged()).not.toContain(before.body.id);
    expect(await solverConflicts(callId)).not.toContain(`${proposalId}:${late.id}`);

    const alias = await t
      .http()
      .post(`/api/organisations/${vw.id}/aliases`)
      .set(office())
      .send({ alias: 'Volkswagen Aktiengesellschaft' });
    expect(alias.status).toBe(200);
    expect(alias.body.aliases).toEqual(['Volkswagen Aktiengesellschaft']);

    // The earlier assignment is flagged to the office, not revoked.
    expect(await flagged()).toContain(before.body.id);
    const still = await t.http().get(`/api/assignments?proposalId=${proposalId}`).set(office());
    expect(JSON.stringify(still.body)).toContain(before.body.id);

    const refused = await assignReviewer(t, proposalId, late.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('conflict of interest');
    const entries = (await conflictsOf(proposalId)).filter((e) => [early.id, late.id].includes(e.userId));
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.kind).toBe('group');
      expect(entry.reason).toBe('CARIAD SE / Volkswagen AG (Volkswagen AG)');
    }

    // The solver is given both pairs as conflicted, and proposes neither.
    const pairs = await solverConflicts(callId);
    expect(pairs).toEqual(expect.arrayContaining([`${proposalId}:${early.id}`, `${proposalId}:${late.id}`]));
    const run = await t.http().post(`/api/calls/${callId}/auto-assign`).set(office()).send({ dryRun: true });
    expect(run.status).toBe(200);
    const proposed = (run.body.pairs as { proposalId: string; reviewerId: string; kept: boolean }[]).filter(
      (p) => p.proposalId === proposalId && !p.kept,
    );
    expect(proposed.map((p) => p.reviewerId)).not.toContain(late.id);
  });

  it('hides reviews and the ranking row from a steering member of the group, and refuses the vote', async () => {
    const bmw = await createOrg({ name: 'Bayerische Motoren Werke AG', kind: 'large' });
    await createOrg({ name: 'BMW Car IT GmbH', kind: 'large', parentId: bmw.id });
    const callId = (await createOpenCall(t, { minReviews: 2 })).id;
    const proposalId = await eligibleProposal(t, applicant, callId, withPartner('BMW AG'));
    const member = await createUser(t, { roles: ['steering'], organisation: 'BMW Car IT' });
    const reviewers = [
      await createUser(t, { roles: ['reviewer'], organisation: 'Institut A' }),
      await createUser(t, { roles: ['reviewer'], organisation: 'Institut B' }),
    ];
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: s(4, 4, 4, 4, 4) })),
    );

    const ranking = async () =>
      (await t.http().get(`/api/calls/${callId}/ranking`).set(auth(member.token))).body.rows as {
        proposalId: string;
      }[];
    expect((await ranking()).map((r) => r.proposalId)).toContain(proposalId);
    expect((await t.http().get(`/api/proposals/${proposalId}/reviews`).set(auth(member.token))).status).toBe(
      200,
    );

    const alias = await t
      .http()
      .post(`/api/organisations/${bmw.id}/aliases`)
      .set(office())
      .send({ alias: 'BMW AG' });
    expect(alias.status).toBe(200);

    expect((await ranking()).map((r) => r.proposalId)).not.toContain(proposalId);
    const reviews = await t.http().get(`/api/proposals/${proposalId}/reviews`).set(auth(member.token));
    expect(reviews.status).toBe(403);
    expect(reviews.body.code).toBe('conflict-of-interest');
    const vote = await t
      .http()
      .put(`/api/proposals/${proposalId}/vote`)
      .set(auth(member.token))
      .send({ vote: 'approve' });
    expect(vote.status).toBe(403);
  });

  it('treats declared competitors as conflicted, over both groups, until the pair is removed', async () => {
    const bosch = await createOrg({ name: 'Robert Bosch GmbH', kind: 'large' });
    const rexroth = await createOrg({ name: 'Bosch Rexroth AG', kind: 'large', parentId: bosch.id });
    const conti = await createOrg({ name: 'Continental AG', kind: 'large' });
    const callId = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(t, applicant, callId, withPartner('Bosch Rexroth'));
    const reviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Continental' });
    expect(await solverConflicts(callId)).not.toContain(`${proposalId}:${reviewer.id}`);

    const pair = await t
      .http()
      .post(`/api/organisations/${conti.id}/competitors`)
      .set(office())
      .send({ organisationId: bosch.id });
    expect(pair.status).toBe(200);
    expect(pair.body.competitorIds).toEqual([bosch.id]);
    const again = await t
      .http()
      .post(`/api/organisations/${bosch.id}/competitors`)
      .set(office())
      .send({ organisationId: conti.id });
    expect(again.status).toBe(409);

    expect((await assignReviewer(t, proposalId, reviewer.id)).status).toBe(409);
    const entry = (await conflictsOf(proposalId)).find((e) => e.userId === reviewer.id);
    expect(entry).toMatchObject({ kind: 'competitor', reason: 'Continental AG / Bosch Rexroth AG' });
    expect(await solverConflicts(callId)).toContain(`${proposalId}:${reviewer.id}`);
    expect(rexroth.id).toBeDefined();

    const removed = await t
      .http()
      .delete(`/api/organisations/${bosch.id}/competitors/${conti.id}`)
      .set(office());
    expect(removed.status).toBe(204);
    expect((await assignReviewer(t, proposalId, reviewer.id)).status).toBe(201);
  });

  it('takes a personal conflict with an organisation, declared by the member or the office, for its whole group', async () => {
    const ipa = await createOrg({ name: 'Fraunhofer-Gesellschaft e.V.', kind: 'research' });
    await createOrg({ name: 'Fraunhofer IPA', kind: 'research', parentId: ipa.id });
    const callId = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(
      t,
      applicant,
      callId,
      withPartner('Fraunhofer IPA', 'research'),
    );
    const self = await createUser(t, { roles: ['reviewer'], organisation: 'Hochschule Esslingen' });
    const other = await createUser(t, { roles: ['steering'], organisation: 'Hochschule Aalen' });

    const own = await t
      .http()
      .post('/api/personal-conflicts')
      .set(auth(self.token))
      .send({ organisation: 'Fraunhofer Gesellschaft', reason: 'Früher dort angestellt' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ userId: self.id, organisationId: ipa.id });
    const forOther = await t
      .http()
      .post('/api/personal-conflicts')
      .set(auth(self.token))
      .send({ userId: other.id, organisation: 'Fraunhofer IPA', reason: 'x' });
    expect(forOther.status).toBe(403);
    const byOffice = await t
      .http()
      .post('/api/personal-conflicts')
      .set(office())
      .send({ userId: other.id, organisation: 'Fraunhofer IPA', reason: 'Ehepartner dort' });
    expect(byOffice.status).toBe(201);
    const unknown = await t
      .http()
      .post('/api/personal-conflicts')
      .set(auth(self.token))
      .send({ organisation: 'Nirgendwo GmbH', reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('organisation');

    expect((await assignReviewer(t, proposalId, self.id)).status).toBe(409);
    const entries = await conflictsOf(proposalId);
    expect(entries.find((e) => e.userId === self.id)).toMatchObject({
      kind: 'personal',
      reason: 'Früher dort angestellt (Fraunhofer-Gesellschaft e.V.)',
    });
    expect(entries.find((e) => e.userId === other.id)).toMatchObject({ kind: 'personal' });

    const mine = await t.http().get('/api/personal-conflicts').set(auth(self.token));
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([own.body.id]);
    expect(
      (await t.http().delete(`/api/personal-conflicts/${byOffice.body.id}`).set(auth(self.token))).status,
    ).toBe(404);
    expect(
      (await t.http().delete(`/api/personal-conflicts/${own.body.id}`).set(auth(self.token))).status,
    ).toBe(204);
    expect((await assignReviewer(t, proposalId, self.id)).status).toBe(201);
  });
});
