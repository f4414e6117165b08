import { QueueRegistry } from '@/jobs/queue-registry';
import { QUEUES } from '@/jobs/queues';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { createReviewers, seedReviews } from './support/seed-reviews';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/** Consensus mails and their reminders (deterministic job ids), against real Redis and SMTP. */
describe('consensus mails and reminders', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let proposalId: string;
  let reviewers: TestUser[];

  const subjects = (email: string) => sink.to(email).map((m) => m.subject);
  const reminderJob = async (kind: 'draft' | 'sign') =>
    t.app.get(QueueRegistry).queue(QUEUES.reminders).getJob(`consensus:${proposalId}-r1:${kind}`);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url, REMIND_CONSENSUS_AFTER: '3s' });
    const callId = (await createOpenCall(t, { consensus: true })).id;
    const applicant = await registerApplicant(t);
    reviewers = await createReviewers(t, 3);
    proposalId = await eligibleProposal(t, applicant, callId, COMPLETE_PROPOSAL);
    await seedReviews(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('the rapporteur is asked to draft, and reminded once while drafting', async () => {
    const named = await t
      .http()
      .put(`/api/proposals/${proposalId}/consensus/rapporteur`)
      .set(auth(t.officeToken))
      .send({ reviewerId: reviewers[0].id });
    expect(named.status).toBe(200);
    const consensusMails = () =>
      sink.to(reviewers[0].email).filter((m) => m.subject.startsWith('Konsensbericht'));
    await sink.waitFor(() => consensusMails().length >= 2, 30_000, 'request and reminder to draft');
    const mails = consensusMails();
    expect(mails[0].subject).toMatch(/^Konsensbericht: /);
    expect(mails[0].text).not.toContain('zur Erinnerung');
    expect(mails[1].text).toContain('zur Erinnerung');
    expect(mails[1].text).toContain(`/proposals/${proposalId}/consensus`);
    expect(subjects(reviewers[1].email).filter((s) => s.includes('Konsens'))).toEqual([]);
  });

  it('the others are asked to sign; the reminder goes only to who has not answered; final removes it', async () => {
    expect(
      (
        await t
          .http()
          .put(`/api/proposals/${proposalId}/consensus`)
          .set(auth(reviewers[0].token))
          .send({ scores: fullScores(4), commentToApplicant: 'Konsens.' })
      ).status,
    ).toBe(200);
    expect(
      (await t.http().post(`/api/proposals/${proposalId}/consensus/submit`).set(auth(reviewers[0].token)))
        .status,
    ).toBe(200);
    const signed = (email: string) => subjects(email).filter((s) => s.startsWith('Bitte zeichnen')).length;
    await sink.waitFor(
      () => signed(reviewers[1].email) >= 1 && signed(reviewers[2].email) >= 1,
      30_000,
      'sign requests',
    );
    expect(
      (
        await t
          .http()
          .post(`/api/proposals/${proposalId}/consensus/sign`)
          .set(auth(reviewers[1].token))
          .send({ agree: true })
      ).status,
    ).toBe(200);
    // The reminder (3 s after the request) reaches only the one who has not answered.
    await sink.waitFor(() => signed(reviewers[2].email) >= 2, 30_000, 'sign reminder');
    expect(signed(reviewers[1].email)).toBe(1);
    expect(sink.to(reviewers[2].email).at(-1)!.text).toContain('zur Erinnerung');
    // The last answer makes the report final; a re-planned reminder is removed by the final report.
    expect(
      (
        await t
          .http()
          .post(`/api/proposals/${proposalId}/consensus/sign`)
          .set(auth(reviewers[2].token))
          .send({ agree: true })
      ).status,
    ).toBe(200);
    const job = await reminderJob('sign');
    expect(job === undefined || (await job.isCompleted())).toBe(true);
    const state = await t.http().get(`/api/proposals/${proposalId}`).set(auth(t.officeToken));
    expect(state.body.state).toBe('awaiting_decision');
  });
});
