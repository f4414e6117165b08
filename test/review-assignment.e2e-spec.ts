import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  assignmentAction,
  assignReviewer,
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  registerApplicant,
  submittedReview,
  TestUser,
  uploadPdf,
} from './support/factories';

describe('review: conflicts, bids, manual assignment, accept/decline, revoke, withdraw', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let reviewer: TestUser;

  /** Outbox rows of one assignment, by transaction, then by kind (rows of one transaction share created_at). */
  async function outboxOf(
    assignmentId: string,
  ): Promise<{ kind: string; payload: Record<string, unknown> }[]> {
    return t.dataSource.query(
      `SELECT kind, payload FROM outbox WHERE payload->>'assignmentId' = $1 ORDER BY created_at, kind`,
      [assignmentId],
    );
  }

  async function proposalState(id: string): Promise<string> {
    const [row] = await t.dataSource.query('SELECT state FROM proposals WHERE id = $1', [id]);
    return row.state;
  }

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewer = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'Hochschule Wolfsburg',
      expertise: ['battery'],
    });
  });
  afterAll(() => t.close());

  describe('conflicts of interest', () => {
    it('derives conflicts from the applicant’s and the partners’ organisations, ignoring case and spaces', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const sameAsApplicant = await createUser(t, {
        roles: ['reviewer'],
        organisation: '  zulieferer   GMBH ',
      });
      const sameAsPartner = await createUser(t, { roles: ['reviewer'], organisation: 'tu  braunschweig' });
      const noOrganisation = await createUser(t, { roles: ['reviewer'], organisation: '' });

      for (const conflicted of [sameAsApplicant, sameAsPartner]) {
        const res = await assignReviewer(t, proposalId, conflicted.id);
        expect(res.status).toBe(409);
        expect(res.body.detail).toContain('conflict of interest');
        const bid = await t
          .http()
          .put(`/api/proposals/${proposalId}/bid`)
          .set(auth(conflicted.token))
          .send({ bid: 2 });
        expect(bid.status).toBe(409);
      }
      expect((await assignReviewer(t, proposalId, noOrganisation.id)).status).toBe(201);

      const list = await t.http().get(`/api/proposals/${proposalId}/conflicts`).set(auth(t.officeToken));
      expect(list.status).toBe(200);
      expect(list.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: sameAsApplicant.id, kind: 'organisation' }),
          expect.objectContaining({ userId: sameAsPartner.id, kind: 'organisation' }),
          expect.objectContaining({ userId: applicant.id, kind: 'applicant' }),
        ]),
      );
      expect(list.body.map((c: { userId: string }) => c.userId)).not.toContain(noOrganisation.id);

      // A change of organisation takes effect at once: nothing is stored for derived conflicts.
      await t
        .http()
        .patch(`/api/users/${sameAsPartner.id}`)
        .set(auth(t.officeToken))
        .send({ organisation: 'Elsewhere AG' });
      expect((await assignReviewer(t, proposalId, sameAsPartner.id)).status).toBe(201);
    });

    it('records declared conflicts (own or by the office) and revokes an open assignment of that user', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const self = await createUser(t, { roles: ['reviewer'], organisation: 'A' });
      const other = await createUser(t, { roles: ['reviewer'], organisation: 'B' });

      const declared = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(self.token))
        .send({ reason: 'Frühere Zusammenarbeit' });
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({ proposalId, userId: self.id, declaredBy: self.id });
      const again = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(self.token))
        .send({ reason: 'noch einmal' });
      expect(again.status).toBe(409);
      expect((await assignReviewer(t, proposalId, self.id)).status).toBe(409);

      const assignmentId = await assigned(t, proposalId, other.id);
      const forOther = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(self.token))
        .send({ userId: other.id, reason: 'x' });
      expect(forOther.status).toBe(403);
      const byOffice = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(t.officeToken))
        .send({ userId: other.id, reason: 'Verwandtschaft' });
      expect(byOffice.status).toBe(201);
      const after = await t.http().get(`/api/assignments/${assignmentId}`).set(auth(t.officeToken));
      expect(after.body.state).toBe('revoked');
      expect((await outboxOf(assignmentId)).map((o) => o.payload.reason ?? o.kind)).toContain('revoked');

      const noReason = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(reviewer.token))
        .send({ reason: '  ' });
      expect(noReason.status).toBe(400);
      const applicantDeclares = await t
        .http()
        .post(`/api/proposals/${proposalId}/conflicts`)
        .set(auth(t.officeToken))
        .send({ userId: applicant.id, reason: 'x' });
      expect(applicantDeclares.status).toBe(400);
    });
  });

  describe('bids', () => {
    it('takes bids −2…2 from reviewers on proposals they may read', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const put = (token: string, bid: unknown) =>
        t.http().put(`/api/proposals/${proposalId}/bid`).set(auth(token)).send({ bid });
      const res = await put(reviewer.token, 2);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ proposalId, reviewerId: reviewer.id, bid: 2 });
      expect((await put(reviewer.token, -2)).body.bid).toBe(-2);
      for (const bad of [3, -3, 1.5, '1']) expect((await put(reviewer.token, bad)).status).toBe(400);
      expect((await put(t.officeToken, 1)).status).toBe(403);
      expect((await put(applicant.token, 1)).status).toBe(403);

      const draft = await createDraft(t, applicant, callId);
      const hidden = await t
        .http()
        .put(`/api/proposals/${draft.id}/bid`)
        .set(auth(reviewer.token))
        .send({ bid: 1 });
      expect(hidden.status).toBe(404);
    });
  });

  describe('manual assignment', () => {
    it('invites with the call’s review period, writes audit and outbox, and lists it', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const before = Date.now();
      const res = await assignReviewer(t, proposalId, reviewer.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        proposalId,
        reviewerId: reviewer.id,
        round: 1,
        state: 'invited',
        overdue: false,
      });
      const due = Date.parse(res.body.dueAt) - before;
      expect(due).toBeGreaterThanOrEqual(21 * 86_400_000 - 5_000);
      expect(due).toBeLessThanOrEqual(21 * 86_400_000 + 60_000);
      expect((await outboxOf(res.body.id)).map((o) => o.kind)).toEqual([
        'mail.invitation',
        'reminder.schedule',
      ]);
      const [audit] = await t.dataSource.query(
        `SELECT actor_id, action, to_state FROM audit_events WHERE entity_type = 'assignment' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit).toMatchObject({ action: 'create', to_state: 'invited' });

      const mine = await t.http().get('/api/assignments?mine=1').set(auth(reviewer.token));
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
      expect(mine.body.items.every((a: { reviewerId: string }) => a.reviewerId === reviewer.id)).toBe(true);
      const mineItem = mine.body.items.find((a: { id: string }) => a.id === res.body.id);
      expect(mineItem.proposal).toMatchObject({ acronym: COMPLETE_PROPOSAL.acronym, callId });
      expect(mineItem.allowedEvents).toEqual(['accept', 'decline']);

      const filtered = await t
        .http()
        .get(`/api/assignments?proposalId=${proposalId}&state=invited`)
        .set(auth(t.officeToken));
      expect(filtered.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
      const byCall = await t
        .http()
        .get(`/api/assignments?callId=${callId}&limit=100`)
        .set(auth(t.officeToken));
      expect(byCall.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);

      const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const other = await createUser(t, { roles: ['reviewer'], organisation: 'C' });
      const custom = await assignReviewer(t, proposalId, other.id, { dueAt });
      expect(custom.status).toBe(201);
      expect(custom.body.dueAt).toBe(dueAt);
    });

    it('refuses duplicates, inactive users, non-reviewers, unknown users, past due dates and unready proposals', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      await assigned(t, proposalId, reviewer.id);
      const duplicate = await assignReviewer(t, proposalId, reviewer.id);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.detail).toContain('assigned to this proposal already');

      const inactive = await createUser(t, { roles: ['reviewer'], organisation: 'D' });
      await t.http().patch(`/api/users/${inactive.id}`).set(auth(t.officeToken)).send({ active: false });
      const steering = await createUser(t, { roles: ['steering'], organisation: 'E' });
      for (const [id, message] of [
        [inactive.id, 'is not active'],
        [steering.id, 'does not have the reviewer role'],
        ['00000000-0000-4000-8000-000000000000', 'does not exist'],
      ]) {
        const res = await assignReviewer(t, proposalId, id);
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'reviewerId', messages: [message] }]);
      }
      const fresh = await createUser(t, { roles: ['reviewer'], organisation: 'F' });
      const past = await assignReviewer(t, proposalId, fresh.id, {
        dueAt: new Date(Date.now() - 1000).toISOString(),
      });
      expect(past.status).toBe(400);
      expect((await assignReviewer(t, proposalId, fresh.id, { dueAt: 'tomorrow' })).status).toBe(400);

      const draft = await createDraft(t, applicant, callId);
      await uploadPdf(t, applicant.token, draft.id);
      await fire(t, applicant.token, draft.id, 'submit');
      const notScreened = await assignReviewer(t, draft.id, fresh.id);
      expect(notScreened.status).toBe(409);
      expect(notScreened.body.state).toBe('submitted');
      const unknown = await assignReviewer(t, '00000000-0000-4000-8000-000000000000', fresh.id);
      expect(unknown.status).toBe(404);
      const count = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM assignments WHERE proposal_id = $1',
        [proposalId],
      );
      expect(count[0].n).toBe(1);
    });
  });

  describe('accept and decline', () => {
    it('moves the proposal to in_review on the first acceptance only', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const second = await createUser(t, { roles: ['reviewer'], organisation: 'G' });
      const a1 = await assigned(t, proposalId, reviewer.id);
      const a2 = await assigned(t, proposalId, second.id);
      expect(await proposalState(proposalId)).toBe('eligible');

      const accepted = await assignmentAction(t, reviewer.token, a1, 'accept');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ state: 'accepted', allowedEvents: ['submit'] });
      expect(accepted.body.respondedAt).toEqual(expect.any(String));
      expect(await proposalState(proposalId)).toBe('in_review');
      expect((await assignmentAction(t, second.token, a2, 'accept')).status).toBe(200);
      expect((await assignmentAction(t, reviewer.token, a1, 'accept')).status).toBe(409);

      const history = await t.http().get(`/api/proposals/${proposalId}/history`).set(auth(applicant.token));
      const starts = history.body.filter((e: { action: string }) => e.action === 'start-review');
      expect(starts).toEqual([
        expect.objectContaining({ actorId: null, fromState: 'eligible', toState: 'in_review' }),
      ]);
      // The applicant's history never names reviewers.
      expect(JSON.stringify(history.body)).not.toContain(reviewer.id);
    });

    it('declines with a reason, tells the office, and never re-invites the same reviewer this round', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const id = await assigned(t, proposalId, reviewer.id);
      expect((await assignmentAction(t, reviewer.token, id, 'decline')).status).toBe(400);
      expect((await assignmentAction(t, reviewer.token, id, 'decline', { reason: ' ' })).status).toBe(400);
      const declined = await assignmentAction(t, reviewer.token, id, 'decline', { reason: 'Keine Zeit' });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ state: 'declined', declineReason: 'Keine Zeit' });
      expect(await outboxOf(id)).toEqual([
        { kind: 'mail.invitation', payload: { assignmentId: id } },
        { kind: 'reminder.schedule', payload: { assignmentId: id } },
        { kind: 'mail.invitation-declined', payload: { assignmentId: id, reason: 'Keine Zeit' } },
        { kind: 'reminder.cancel', payload: { assignmentId: id } },
      ]);
      expect(await proposalState(proposalId)).toBe('eligible');
      const again = await assignReviewer(t, proposalId, reviewer.id);
      expect(again.status).toBe(409);
      expect(again.body.detail).toContain('declined');
      expect((await assignmentAction(t, reviewer.token, id, 'accept')).status).toBe(409);
    });
  });

  describe('revoke and withdraw', () => {
    it('revokes an open assignment and allows a new invitation afterwards', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const id = await assigned(t, proposalId, reviewer.id);
      const revoked = await t.http().delete(`/api/assignments/${id}`).set(auth(t.officeToken));
      expect(revoked.status).toBe(200);
      expect(revoked.body.state).toBe('revoked');
      expect((await outboxOf(id)).slice(2)).toEqual([
        { kind: 'mail.assignment-ended', payload: { assignmentId: id, reason: 'revoked' } },
        { kind: 'reminder.cancel', payload: { assignmentId: id } },
      ]);
      expect((await t.http().delete(`/api/assignments/${id}`).set(auth(t.officeToken))).status).toBe(409);
      expect((await assignmentAction(t, reviewer.token, id, 'accept')).status).toBe(409);
      expect((await assignReviewer(t, proposalId, reviewer.id)).status).toBe(201);
    });

    it('withdrawal revokes invited and accepted assignments and tells the reviewers; submitted ones stay', async () => {
      const proposalId = await eligibleProposal(t, applicant, callId);
      const others = await Promise.all(
        ['H', 'I'].map((org) => createUser(t, { roles: ['reviewer'], organisation: org })),
      );
      const submitted = await submittedReview(t, reviewer, proposalId);
      const accepted = await assigned(t, proposalId, others[0].id);
      await assignmentAction(t, others[0].token, accepted, 'accept');
      const invited = await assigned(t, proposalId, others[1].id);

      const withdrawn = await fire(t, applicant.token, proposalId, 'withdraw');
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      const states = await t.dataSource.query('SELECT id, state FROM assignments WHERE proposal_id = $1', [
        proposalId,
      ]);
      expect(Object.fromEntries(states.map((s: { id: string; state: string }) => [s.id, s.state]))).toEqual({
        [submitted]: 'submitted',
        [accepted]: 'revoked',
        [invited]: 'revoked',
      });
      for (const id of [accepted, invited]) {
        expect((await outboxOf(id)).slice(-2)).toEqual([
          { kind: 'mail.assignment-ended', payload: { assignmentId: id, reason: 'withdrawn' } },
          { kind: 'reminder.cancel', payload: { assignmentId: id } },
        ]);
        const [audit] = await t.dataSource.query(
          `SELECT actor_id, data FROM audit_events WHERE entity_id = $1 AND action = 'revoke'`,
          [id],
        );
        expect(audit).toEqual({ actor_id: null, data: { cause: 'withdrawn' } });
      }
    });
  });
});
