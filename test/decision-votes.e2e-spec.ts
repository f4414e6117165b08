import { startTestApp, TestApp } from './support/test-app';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';

describe('steering votes, quorum and decisions', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let members: TestUser[];
  let conflicted: TestUser;

  const vote = (token: string, id: string, body: Record<string, unknown>) =>
    t.http().put(`/api/proposals/${id}/vote`).set(auth(token)).send(body);
  const votes = (token: string, id: string, query = '') =>
    t.http().get(`/api/proposals/${id}/votes${query}`).set(auth(token));
  const decide = (token: string, id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/proposals/${id}/decision`).set(auth(token)).send(body);
  const ready = async () => {
    const id = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = await createReviewers(t, 3);
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    members = [];
    for (const name of ['Mitglied Adler', 'Mitglied Brandt', 'Mitglied Conrad']) {
      members.push(await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' }));
    }
    // Same organisation as the applicant: not eligible, so 4 eligible members and a quorum of 2.
    conflicted = await createUser(t, { roles: ['steering'], organisation: 'zulieferer gmbh' });
  });
  afterAll(() => t.close());

  it('refuses a decision without quorum, then records it once half of the eligible members voted', async () => {
    const id = await ready();
    expect((await vote(members[0].token, id, { vote: 'approve', comment: 'Stark' })).status).toBe(200);

    const refused = await decide(chair.token, id, {
      outcome: 'approved',
      rationale: 'Gut',
      grantedFundingEur: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      quorum: { required: 2, reached: false },
      voted: 1,
      eligibleVoters: 4,
    });
    expect((await t.http().get(`/api/proposals/${id}`).set(auth(t.officeToken))).body.state).toBe(
      'awaiting_decision',
    );

    const second = await vote(members[1].token, id, { vote: 'abstain' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      round: 1,
      eligibleVoters: 4,
      voted: 2,
      quorum: { required: 2, reached: true },
      tally: { approve: 1, reject: 0, revise: 0, abstain: 1 },
      proposedOutcome: 'approved',
      decided: false,
    });
    expect(second.body.votes.map((v: { name: string; vote: string }) => [v.name, v.vote])).toEqual([
      ['Mitglied Adler', 'approve'],
      ['Mitglied Brandt', 'abstain'],
    ]);

    const done = await decide(chair.token, id, {
      outcome: 'approved',
      rationale: 'Überzeugendes Konzept.',
      grantedFundingEur: 200000,
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      proposalId: id,
      round: 1,
      outcome: 'approved',
      grantedFundingEur: 200000,
      override: false,
      decidedBy: { id: chair.id, name: 'Vorsitz Weber' },
    });
    const proposal = await t.http().get(`/api/proposals/${id}`).set(auth(t.officeToken));
    expect(proposal.body.state).toBe('approved');
    const letters = await t.dataSource.query(
      `SELECT payload FROM outbox WHERE kind = 'mail.decision-letter'`,
    );
    expect(letters.map((l: { payload: unknown }) => l.payload)).toContainEqual({ proposalId: id, round: 1 });
  });

  it('lets a member change the vote until the decision, then keeps the votes read-only', async () => {
    const id = await ready();
    await vote(members[0].token, id, { vote: 'reject' });
    const changed = await vote(members[0].token, id, { vote: 'revise', comment: 'Arbeitsplan schärfen' });
    expect(changed.body).toMatchObject({ voted: 1, tally: { reject: 0, revise: 1 } });
    await vote(chair.token, id, { vote: 'revise' });
    const rows = await t.dataSource.query('SELECT vote FROM votes WHERE proposal_id = $1', [id]);
    expect(rows).toHaveLength(2);

    expect((await decide(chair.token, id, { outcome: 'revision_requested', rationale: '' })).status).toBe(
      201,
    );
    const late = await vote(members[1].token, id, { vote: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.state).toBe('revision_requested');
    const after = await votes(chair.token, id, '?round=1');
    expect(after.body).toMatchObject({ decided: true, voted: 2, tally: { revise: 2 } });
  });

  it('lets only the chair or the office record; conflicted members neither vote nor decide', async () => {
    const id = await ready();
    await vote(members[0].token, id, { vote: 'reject' });
    await vote(members[1].token, id, { vote: 'reject' });
    const body = { outcome: 'rejected', rationale: 'Nicht förderfähig.' };
    expect((await decide(members[2].token, id, body)).status).toBe(403);
    expect((await decide(applicant.token, id, body)).status).toBe(403);
    expect((await vote(conflicted.token, id, { vote: 'approve' })).status).toBe(403);
    expect((await vote(t.officeToken, id, { vote: 'approve' })).status).toBe(403);
    const chairConflicted = await createUser(t, {
      roles: ['steering'],
      chair: true,
      organisation: 'Zulieferer GmbH',
    });
    expect((await decide(chairConflicted.token, id, body)).status).toBe(403);

    const recorded = await decide(t.officeToken, id, body);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ outcome: 'rejected', grantedFundingEur: null, override: false });
    expect((await decide(chair.token, id, body)).status).toBe(409);
  });

  it('needs override: true and a rationale to decide against the majority, and audits the override', async () => {
    const id = await ready();
    await vote(members[0].token, id, { vote: 'reject' });
    await vote(members[1].token, id, { vote: 'reject' });
    await vote(chair.token, id, { vote: 'approve' });

    const against = { outcome: 'approved', grantedFundingEur: 100000, rationale: 'Strategisch wichtig.' };
    const noFlag = await decide(chair.token, id, against);
    expect(noFlag.status).toBe(409);
    expect(noFlag.body.proposedOutcome).toBe('rejected');
    const noReason = await decide(chair.token, id, { ...against, override: true, rationale: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('rationale');
    expect(await t.dataSource.query('SELECT 1 FROM decisions WHERE proposal_id = $1', [id])).toHaveLength(0);

    const overridden = await decide(chair.token, id, { ...against, override: true });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({ outcome: 'approved', override: true });
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, action, data FROM audit_events WHERE entity_type = 'decision' AND data->>'proposalId' = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_id: chair.id,
      action: 'decide',
      data: { override: true, majority: 'rejected', outcome: 'approved', round: 1 },
    });
  });

  it('lets the chair break a tie; without a majority every outcome is an override', async () => {
    const tie = await ready();
    await vote(members[0].token, tie, { vote: 'approve' });
    await vote(chair.token, tie, { vote: 'reject' });
    expect((await votes(t.officeToken, tie)).body.proposedOutcome).toBe('rejected');
    expect((await decide(chair.token, tie, { outcome: 'rejected', rationale: '' })).status).toBe(201);

    const open = await ready();
    await vote(members[0].token, open, { vote: 'approve' });
    await vote(members[1].token, open, { vote: 'reject' });
    await vote(chair.token, open, { vote: 'abstain' });
    expect((await votes(t.officeToken, open)).body.proposedOutcome).toBeNull();
    expect((await decide(chair.token, open, { outcome: 'rejected', rationale: '' })).status).toBe(409);
    const res = await decide(chair.token, open, { outcome: 'rejected', rationale: 'Patt', override: true });
    expect(res.status).toBe(201);
    expect(res.body.override).toBe(true);
  });

  it('caps grantedFundingEur at the requested funding and requires it only for approvals', async () => {
    const id = await ready();
    await vote(members[0].token, id, { vote: 'approve' });
    await vote(members[1].token, id, { vote: 'approve' });
    const requested = COMPLETE_PROPOSAL.requestedFundingEur;
    const missing = await decide(chair.token, id, { outcome: 'approved', rationale: 'Gut' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('grantedFundingEur');
    const tooMuch = await decide(chair.token, id, {
      outcome: 'approved',
      rationale: 'Gut',
      grantedFundingEur: requested + 1,
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].field).toBe('grantedFundingEur');
    const negative = await decide(chair.token, id, {
      outcome: 'approved',
      rationale: 'Gut',
      grantedFundingEur: -5,
    });
    expect(negative.status).toBe(400);
    const onReject = await decide(chair.token, id, {
      outcome: 'rejected',
      rationale: 'Nein',
      override: true,
      grantedFundingEur: 10,
    });
    expect(onReject.status).toBe(400);
    expect(await t.dataSource.query('SELECT 1 FROM decisions WHERE proposal_id = $1', [id])).toHaveLength(0);
    const exact = await decide(chair.token, id, {
      outcome: 'approved',
      rationale: 'Gut',
      grantedFundingEur: requested,
    });
    expect(exact.status).toBe(201);
    expect(exact.body.grantedFundingEur).toBe(requested);
  });

  it('records exactly one decision when the chair and the office decide at the same time', async () => {
    const id = await ready();
    await vote(members[0].token, id, { vote: 'reject' });
    await vote(members[1].token, id, { vote: 'reject' });
    const body = { outcome: 'rejected', rationale: 'Nein' };
    const results = await Promise.all([decide(chair.token, id, body), decide(t.officeToken, id, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.dataSource.query('SELECT 1 FROM decisions WHERE proposal_id = $1', [id])).toHaveLength(1);
  });

  it('refuses votes outside awaiting_decision and validates the body', async () => {
    const id = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, title: 'noch nicht' });
    // Steering does not see a proposal before awaiting_decision (404); the office sees but may not vote.
    expect((await vote(members[0].token, id, { vote: 'approve' })).status).toBe(404);
    const ready1 = await ready();
    expect((await vote(members[0].token, ready1, { vote: 'maybe' })).status).toBe(400);
    expect((await vote(members[0].token, ready1, { vote: 'approve', extra: 1 })).status).toBe(400);
    expect(
      (await vote(members[0].token, ready1, { vote: 'approve', comment: 'x'.repeat(2001) })).status,
    ).toBe(400);
    expect((await decide(chair.token, ready1, { outcome: 'accepted', rationale: '' })).status).toBe(400);
  });
});
