import {
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/** The deadline sweep runs every 10 s and plans the exact job ahead: the deadline lies beyond one sweep. */
const DEADLINE_IN_MS = 13_000;

describe('written procedure: votingClosesAt per call', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({
      WORKERS: 'on',
      SMTP_URL: sink.url,
      REMIND_VOTING_BEFORE: '6s',
      REMIND_MEETING_BEFORE: '10s',
    });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('mails the start and a reminder, refuses votes after the deadline and records the quorum within 2 s of it', async () => {
    const callId = (await createOpenCall(t)).id;
    const applicant = await registerApplicant(t);
    const reviewers = await createReviewers(t, 3);
    const members: TestUser[] = [];
    for (const name of ['Umlauf Adler', 'Umlauf Brandt', 'Umlauf Conrad', 'Umlauf Dorn']) {
      members.push(await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' }));
    }
    const proposalId = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );

    const closesAt = new Date(Math.ceil((Date.now() + DEADLINE_IN_MS) / 1000) * 1000).toISOString();
    const patched = await t
      .http()
      .patch(`/api/calls/${callId}`)
      .set(auth(t.officeToken))
      .send({ votingClosesAt: closesAt });
    expect(patched.status).toBe(200);
    expect(patched.body.votingClosesAt).toBe(closesAt);
    await sink.waitFor(
      (mails) =>
        members.every((m) =>
          mails.some((x) => x.to.includes(m.email) && /^Umlaufverfahren bis/.test(x.subject)),
        ),
      10_000,
      'the start mails',
    );

    const vote = (i: number, choice: string) =>
      t.http().put(`/api/proposals/${proposalId}/vote`).set(auth(members[i].token)).send({ vote: choice });
    expect((await vote(0, 'approve')).status).toBe(200);
    expect((await vote(1, 'approve')).status).toBe(200);

    await sink.waitFor(
      (mails) =>
        mails.some((x) => x.to.includes(members[3].email) && /^Erinnerung: Umlaufverfahren/.test(x.subject)),
      DEADLINE_IN_MS,
      'the reminder before the deadline',
    );

    const results = () => t.http().get(`/api/calls/${callId}/voting-results`).set(auth(members[2].token));
    expect((await results()).body).toEqual([]);
    const deadline = Date.parse(closesAt);
    let recorded: { recordedAt: string } | undefined;
    while (!recorded && Date.now() < deadline + 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recorded = (await results()).body[0];
    }
    expect(recorded).toMatchObject({
      proposalId,
      round: 1,
      closesAt,
      eligibleVoters: 4,
      voted: 2,
      required: 2,
      quorumReached: true,
      tally: { approve: 2, reject: 0, revise: 0, abstain: 0 },
      proposedOutcome: 'approved',
    });
    const lag = Date.parse(recorded!.recordedAt) - deadline;
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(2_000);

    const late = await vote(2, 'reject');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'voting-closed', params: { closedAt: closesAt } });
    // Applicants and reviewers do not read the results.
    const applicantRead = await t
      .http()
      .get(`/api/calls/${callId}/voting-results`)
      .set(auth(applicant.token));
    expect(applicantRead.status).toBe(403);
  });

  it('reminds of a meeting REMIND_MEETING_BEFORE its start, once, at the moved time after a reschedule', async () => {
    const member = await createUser(t, {
      roles: ['steering'],
      name: 'Erinnerung Engel',
      organisation: 'Stiftung',
    });
    const callId = (await createOpenCall(t)).id;
    const first = new Date(Math.ceil((Date.now() + 24_000) / 1000) * 1000);
    const created = await t
      .http()
      .post('/api/meetings')
      .set(auth(t.officeToken))
      .send({ title: 'Erinnerungssitzung', startsAt: first.toISOString(), callIds: [callId] });
    expect(created.status).toBe(201);
    // Moved 8 s later before the first reminder (at start − 10 s) was due: only the new one goes out.
    const moved = new Date(first.getTime() + 8_000);
    const patched = await t
      .http()
      .patch(`/api/meetings/${created.body.id}`)
      .set(auth(t.officeToken))
      .send({ startsAt: moved.toISOString() });
    expect(patched.status).toBe(200);
    const reminders = () =>
      sink.to(member.email).filter((m) => /^Erinnerung: Erinnerungssitzung/.test(m.subject));
    await sink.waitFor(() => reminders().length > 0, 30_000, 'the meeting reminder');
    const lateness = reminders()[0].receivedAt - (moved.getTime() - 10_000);
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(3_000);
    // Past the moved start: still exactly one reminder (the one planned for the first time stayed silent).
    await sink.waitFor(() => Date.now() > moved.getTime(), 30_000, 'the meeting start');
    expect(reminders()).toHaveLength(1);
  });
});
