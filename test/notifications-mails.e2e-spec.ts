import { JOB } from '@/jobs/job-names';
import { QueueRegistry } from '@/jobs/queue-registry';
import {
  assigned,
  assignmentAction,
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  registerApplicant,
  saveReview,
  TestUser,
  uploadPdf,
} from './support/factories';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp, OFFICE_EMAIL } from './support/test-app';

const ACTION_LINK = /http:\/\/beirat\.test\/actions\/([A-Za-z0-9_-]{43})/g;
const CONFIDENTIAL = 'VERTRAULICH-nur-fuer-den-Beirat';

/** The one-click links of a mail's text part, in order (accept, decline). */
function actionTokens(mail: CapturedMail): string[] {
  return [...mail.text.matchAll(ACTION_LINK)].map((m) => m[1]);
}

describe('notification mails (docs/CONTRACT.md §6): who gets them, language, links, nothing confidential', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let callId: string;
  let applicantDe: TestUser;
  let applicantEn: TestUser;
  let reviewerDe: TestUser;
  let reviewerEn: TestUser;
  let reviewer3: TestUser;
  let reviewer4: TestUser;
  let chair: TestUser;
  let steeringEn: TestUser;
  let conflictedSteering: TestUser;
  let p1: string;

  const count = (address: string) => sink.to(address).length;

  // Self-registration needs the mailed link (test/auth-registration.e2e-spec.ts): the office creates her.
  const registerEnglish = (): Promise<TestUser> =>
    createUser(t, {
      roles: ['applicant'],
      name: 'Jane Applicant',
      organisation: 'Research Institute',
      locale: 'en',
    });

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    callId = (await createOpenCall(t, { reviewsPerProposal: 2, minReviews: 1 })).id;
    applicantDe = await registerApplicant(t, 'Zulieferer GmbH');
    applicantEn = await registerEnglish();
    reviewerDe = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'Hochschule A',
      name: 'Dr. Geheim Gutachterin',
    });
    reviewerEn = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'Uni B',
      locale: 'en',
      name: 'Prof. Hidden Reviewer',
    });
    reviewer3 = await createUser(t, { roles: ['reviewer'], organisation: 'Uni C' });
    reviewer4 = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'Uni D',
      name: 'Dr. Zweite Gutachterin',
    });
    chair = await createUser(t, { roles: ['steering'], organisation: 'Cluster', chair: true });
    steeringEn = await createUser(t, { roles: ['steering'], organisation: 'OEM AG', locale: 'en' });
    conflictedSteering = await createUser(t, { roles: ['steering'], organisation: 'zulieferer gmbh' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('sends the submission receipt to the applicant, in German or English, with title and acronym', async () => {
    p1 = await eligibleProposal(t, applicantDe, callId);
    const de = await sink.next(applicantDe.email);
    expect(de.subject).toBe(`Eingangsbestätigung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`);
    expect(de.text).toContain('ist bei uns eingegangen');
    expect(de.text).toContain(`http://beirat.test/proposals/${p1}`);
    expect(de.html).toContain(`href="http://beirat.test/proposals/${p1}"`);
    expect(de.messageId).toMatch(/^<[0-9a-f]{40}@localhost>$/);

    const title = 'Leichtbau <Gehäuse> & "Recycling"';
    const draft = await createDraft(t, applicantEn, callId, { ...COMPLETE_PROPOSAL, title, acronym: 'LB&R' });
    expect((await uploadPdf(t, applicantEn.token, draft.id)).status).toBe(201);
    expect((await fire(t, applicantEn.token, draft.id, 'submit')).status).toBe(200);
    const en = await sink.next(applicantEn.email);
    expect(en.subject).toBe(`Receipt: LB&R – ${title}`);
    expect(en.text).toContain('we have received your proposal');
    expect(en.text).toContain(title);
    // User text is HTML-escaped in the HTML part.
    expect(en.html).toContain('Leichtbau &lt;Gehäuse&gt; &amp; &quot;Recycling&quot;');
    expect(en.html).not.toContain('<Gehäuse>');

    // Ineligible, with the office's reason.
    const reason = 'Es fehlt ein KMU-Partner <im Konsortium>.';
    expect((await fire(t, t.officeToken, draft.id, 'screen-ineligible', { reason })).status).toBe(200);
    const ineligible = await sink.next(applicantEn.email, 1);
    expect(ineligible.subject).toBe(`Formal check not passed: LB&R – ${title}`);
    expect(ineligible.text).toContain(reason);
    expect(ineligible.html).toContain('Es fehlt ein KMU-Partner &lt;im Konsortium&gt;.');
    expect(count(applicantDe.email)).toBe(1);
  });

  it('invites with one-click links: GET only shows a page, POST accepts, the link works once', async () => {
    const assignmentId = await assigned(t, p1, reviewerDe.id);
    const invitation = await sink.next(reviewerDe.email);
    expect(invitation.subject).toBe(
      `Einladung zur Begutachtung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(invitation.text).toMatch(/fällig am \d{1,2}\. \w+ \d{4}/);
    const [acceptToken, declineToken] = actionTokens(invitation);
    expect(acceptToken).toBeDefined();
    expect(declineToken).toBeDefined();
    expect(invitation.html).toContain(`href="http://beirat.test/actions/${acceptToken}"`);

    const page = await t.http().get(`/actions/${acceptToken}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('übernehmen');
    expect(page.text).toContain(`action="/actions/${acceptToken}"`);
    // A mail scanner following the link changes nothing.
    const [still] = await t.dataSource.query('SELECT state FROM assignments WHERE id = $1', [assignmentId]);
    expect(still.state).toBe('invited');

    const accepted = await t.http().post(`/actions/${acceptToken}`).type('form').send({});
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('Vielen Dank');
    const [now] = await t.dataSource.query('SELECT state FROM assignments WHERE id = $1', [assignmentId]);
    expect(now.state).toBe('accepted');

    expect((await t.http().post(`/actions/${acceptToken}`).type('form').send({})).status).toBe(404);
    expect((await t.http().get(`/actions/${acceptToken}`)).status).toBe(404);
    // The decline link of an accepted invitation is refused (409) and changes nothing.
    const late = await t.http().post(`/actions/${declineToken}`).type('form').send({ reason: 'zu spät' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Das ging leider nicht');
    expect((await t.http().get('/actions/not-a-token')).status).toBe(404);
  });

  it('declining through the link tells the office, with the reason, in the office user’s language', async () => {
    const officeBefore = count(OFFICE_EMAIL);
    await assigned(t, p1, reviewerEn.id);
    const invitation = await sink.next(reviewerEn.email);
    expect(invitation.subject).toBe(
      `Invitation to review: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(invitation.text).toContain('Accept: http://beirat.test/actions/');
    const [, declineToken] = actionTokens(invitation);
    const page = await t.http().get(`/actions/${declineToken}`);
    expect(page.text).toContain('Decline the review');
    const declined = await t
      .http()
      .post(`/actions/${declineToken}`)
      .type('form')
      .send({ reason: 'No time this month.' });
    expect(declined.status).toBe(200);
    expect(declined.text).toContain('You have declined');

    const notice = await sink.next(OFFICE_EMAIL, officeBefore);
    expect(notice.subject).toBe(
      `Begutachtung abgesagt: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(notice.text).toContain('Prof. Hidden Reviewer');
    expect(notice.text).toContain('No time this month.');
  });

  it('tells a reviewer when the office revokes the assignment or the applicant withdraws', async () => {
    const revokedId = await assigned(t, p1, reviewer3.id);
    await sink.next(reviewer3.email);
    expect((await t.http().delete(`/api/assignments/${revokedId}`).set(auth(t.officeToken))).status).toBe(
      200,
    );
    const revoked = await sink.next(reviewer3.email, 1);
    expect(revoked.subject).toBe(
      `Begutachtung entfällt: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(revoked.text).toContain('zurückgenommen');

    const p2 = await eligibleProposal(t, applicantEn, callId);
    await assigned(t, p2, reviewerEn.id);
    await sink.next(reviewerEn.email, 1);
    expect((await fire(t, applicantEn.token, p2, 'withdraw')).status).toBe(200);
    const withdrawn = await sink.next(reviewerEn.email, 2);
    expect(withdrawn.subject).toBe(
      `Review no longer needed: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(withdrawn.text).toContain('withdrawn by its applicant');
  });

  it('announces "ready for decision" to the office and non-conflicted steering, reminds them to vote before the meeting', async () => {
    const officeBefore = count(OFFICE_EMAIL);
    const reviewer4Id = await assigned(t, p1, reviewer4.id);
    await sink.next(reviewer4.email);
    expect((await assignmentAction(t, reviewer4.token, reviewer4Id, 'accept')).status).toBe(200);
    const [first] = await t.dataSource.query(
      `SELECT id FROM assignments WHERE proposal_id = $1 AND reviewer_id = $2`,
      [p1, reviewerDe.id],
    );
    for (const [who, id, score, comment] of [
      [reviewerDe, first.id, 4, 'Überzeugendes Konzept, Arbeitsplan knapp.'],
      [reviewer4, reviewer4Id, 3, 'Transfer in die Serie unklar.'],
    ] as const) {
      const saved = await saveReview(t, who.token, id, {
        scores: fullScores(score),
        commentToApplicant: comment,
        confidentialComment: `${CONFIDENTIAL} (${who.email})`,
      });
      expect(saved.status).toBe(200);
      expect((await assignmentAction(t, who.token, id, 'review/submit')).status).toBe(200);
    }
    const ready = (address: string, already: number) => sink.next(address, already);
    const toChair = await ready(chair.email, 0);
    expect(toChair.subject).toBe(
      `Bereit zur Entscheidung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    const toSteeringEn = await ready(steeringEn.email, 0);
    expect(toSteeringEn.subject).toBe(
      `Ready for decision: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    await ready(OFFICE_EMAIL, officeBefore);

    // Vote reminders: the meeting is one REMIND_BEFORE_DUE step (1d) and two seconds away.
    await t.dataSource.query(
      `UPDATE calls SET steering_meeting_at = now() + interval '1 day 2 seconds' WHERE id = $1`,
      [callId],
    );
    await t.app.get(QueueRegistry).add(JOB.sweepDeadlines, {});
    const voteChair = await sink.next(chair.email, 1);
    expect(voteChair.subject).toBe(
      `Abstimmung vor der Sitzung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    const voteEn = await sink.next(steeringEn.email, 1);
    expect(voteEn.text).toContain('your vote on the proposal');
    expect(count(conflictedSteering.email)).toBe(0);
  });

  it('sends the decision letter: outcome, criterion means, anonymous comments, revision deadline — nothing confidential', async () => {
    for (const member of [chair, steeringEn]) {
      const vote = await t
        .http()
        .put(`/api/proposals/${p1}/vote`)
        .set(auth(member.token))
        .send({ vote: 'revise' });
      expect(vote.status).toBe(200);
    }
    const decided = await t
      .http()
      .post(`/api/proposals/${p1}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'revision_requested', rationale: 'Interne Abwägung der Steuerungsgruppe.' });
    expect(decided.status).toBe(201);

    const letter = await sink.next(applicantDe.email, 1);
    expect(letter.subject).toBe(
      `Entscheidung zu Ihrem Antrag: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(letter.text).toContain('Wir bitten um eine Überarbeitung');
    expect(letter.text).toMatch(/überarbeitete Fassung bis \d{1,2}\. \w+ \d{4}/);
    // Means of 4 and 3 on every criterion: 3,50 each and in total (German notation).
    expect(letter.text).toContain('Wissenschaftliche Qualität: 3,50');
    expect(letter.text).toContain('Gewichtete Gesamtbewertung: 3,50');
    expect(letter.text).toContain('Gutachter*in A:\nÜberzeugendes Konzept, Arbeitsplan knapp.');
    expect(letter.text).toContain('Gutachter*in B:\nTransfer in die Serie unklar.');
    // Issue 13: the chair's rationale is part of the letter, as it is of the applicant's page.
    expect(letter.text).toContain('Begründung:\nInterne Abwägung der Steuerungsgruppe.');
    for (const part of [letter.text, letter.html]) {
      expect(part).not.toContain(CONFIDENTIAL);
      expect(part).not.toContain('Geheim Gutachterin');
      expect(part).not.toContain('Zweite Gutachterin');
      expect(part).not.toContain(reviewerDe.email);
    }
  });

  it('closes a proposal whose revision period ended and tells the applicant', async () => {
    await t.dataSource.query(
      `UPDATE proposals SET revision_deadline = now() + interval '1 second' WHERE id = $1`,
      [p1],
    );
    await t.app.get(QueueRegistry).add(JOB.sweepDeadlines, {});
    const closed = await sink.next(applicantDe.email, 2, 20_000);
    expect(closed.subject).toBe(
      `Antrag geschlossen: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(closed.text).toContain('automatisch zurückgezogen');
    const [row] = await t.dataSource.query('SELECT state FROM proposals WHERE id = $1', [p1]);
    expect(row.state).toBe('withdrawn');
  });

  it('sends the office a daily digest of open items', async () => {
    await createDraft(t, applicantDe, callId).then(async (d) => {
      await uploadPdf(t, applicantDe.token, d.id);
      await fire(t, applicantDe.token, d.id, 'submit');
    });
    const before = count(OFFICE_EMAIL);
    await t.app.get(QueueRegistry).add(JOB.officeDigest, {});
    const digest = await sink.waitFor(
      () =>
        sink
          .to(OFFICE_EMAIL)
          .slice(before)
          .some((m) => m.subject.startsWith('Beirat: offene Punkte am')),
      15_000,
      'the digest',
    );
    const mail = digest.filter((m) => m.subject.startsWith('Beirat: offene Punkte am'))[0];
    expect(mail.text).toContain('Zur formalen Prüfung eingereicht');
    expect(mail.text).toContain(`${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`);
  });

  it('lists the mail log for the office and resends a mail as a new, linked entry', async () => {
    const forbidden = await t.http().get('/api/mails').set(auth(applicantDe.token));
    expect(forbidden.status).toBe(403);
    const log = await t
      .http()
      .get('/api/mails')
      .query({ to: applicantDe.email.toUpperCase(), template: 'submission-receipt' })
      .set(auth(t.officeToken));
    expect(log.status).toBe(200);
    const receipts = log.body.items;
    expect(receipts.length).toBeGreaterThanOrEqual(1);
    const original = receipts[receipts.length - 1];
    expect(original).toMatchObject({
      template: 'submission-receipt',
      status: 'sent',
      attempts: 1,
      locale: 'de',
    });
    expect(original.messageId).toMatch(/^<[0-9a-f]{40}@localhost>$/);

    const page = await t.http().get('/api/mails').query({ limit: 2 }).set(auth(t.officeToken));
    expect(page.body.items).toHaveLength(2);
    const next = await t
      .http()
      .get('/api/mails')
      .query({ limit: 2, cursor: page.body.nextCursor })
      .set(auth(t.officeToken));
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);

    const before = count(applicantDe.email);
    expect(
      (await t.http().post(`/api/mails/${original.id}/resend`).set(auth(applicantDe.token))).status,
    ).toBe(403);
    const resent = await t.http().post(`/api/mails/${original.id}/resend`).set(auth(t.officeToken));
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({
      resendOf: original.id,
      status: 'pending',
      template: 'submission-receipt',
    });
    // The copy is recognised by its log entry's Message-ID, not as "the next mail to the applicant":
    // on a busy machine the receipt of the previous test's submission may still be on its way.
    const until = Date.now() + 30_000;
    let entry: { status: string; resend_of: string; message_id: string | null };
    for (;;) {
      [entry] = await t.dataSource.query('SELECT status, resend_of, message_id FROM mail_log WHERE id = $1', [
        resent.body.id,
      ]);
      if (!['pending', 'sending'].includes(entry.status) || Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mails = await sink.waitFor(
      (all) => all.some((m) => m.messageId === entry.message_id),
      15_000,
      'the resent copy',
    );
    const copy = mails.find((m) => m.messageId === entry.message_id)!;
    expect(sink.to(applicantDe.email).length).toBeGreaterThan(before);
    expect(copy.subject).toBe(
      `Eingangsbestätigung: ${COMPLETE_PROPOSAL.acronym} – ${COMPLETE_PROPOSAL.title}`,
    );
    expect(copy.messageId).not.toBe(original.messageId);
    expect({ status: entry.status, resend_of: entry.resend_of }).toEqual({
      status: 'sent',
      resend_of: original.id,
    });
    expect(
      (await t.http().post(`/api/mails/00000000-0000-4000-8000-000000000000/resend`).set(auth(t.officeToken)))
        .status,
    ).toBe(404);
  });
});
