import {
  assigned,
  assignmentAction,
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  saveReview,
  TestUser,
} from './support/factories';
import { defaultScores } from './support/seed-reviews';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const RATIONALE = 'Die Sachmittel werden um 20.000 EUR gekürzt.';

/** Entities the page's HTML escapes; the texts of this test use only these. */
function unescape(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** "3,50" / "3,5" / "—" → 3.5 / null: the letter and the page may round differently, the value is one. */
function germanNumber(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '—' ? null : Number(trimmed.replace(/\./g, '').replace(',', '.'));
}

/** What the applicant's page says about the decision: labels with comments, means, rationale, funding. */
function fromPage(html: string) {
  const section = html.slice(html.indexOf('<section aria-labelledby="decision-h"'));
  const comments = [
    ...section.matchAll(/<blockquote>\s*<p class="prewrap">([\s\S]*?)<\/p>\s*<footer><cite>([^<]*)<\/cite>/g),
  ].map((m) => ({ label: unescape(m[2]).trim(), text: unescape(m[1]) }));
  const means = [
    ...section.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">(?:<strong>)?([^<]*)/g),
  ].map((m) => ({ label: unescape(m[1]), mean: germanNumber(m[2]) }));
  const rationale = /<strong>Begründung:<\/strong><\/p>\s*<p class="prewrap">([\s\S]*?)<\/p>/.exec(
    section,
  )?.[1];
  const funding = /Bewilligte Förderung: <strong>([^<]*)<\/strong>/.exec(section)?.[1];
  return { comments, means, rationale: rationale && unescape(rationale), funding };
}

/** The same facts read from the letter's text part. */
function fromLetter(text: string) {
  const comments = [...text.matchAll(/^(Gutachter\*in [A-Z]+):\n([^\n]*)/gm)].map((m) => ({
    label: m[1],
    text: m[2],
  }));
  const means = [...text.matchAll(/^- ([^:\n]+): ([^\n]+)$/gm)].map((m) => ({
    label: m[1],
    mean: germanNumber(m[2]),
  }));
  const total = /^Gewichtete Gesamtbewertung: (.+)$/m.exec(text)?.[1];
  const rationale = /^Begründung:\n([^\n]*)/m.exec(text)?.[1];
  const funding = /Bewilligte Förderung: (.+?)\.$/m.exec(text)?.[1];
  return {
    comments,
    means,
    total: total === undefined ? undefined : germanNumber(total),
    rationale,
    funding,
  };
}

describe('the decision letter says what the applicant page says (issue 13)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let applicant: TestUser;
  let proposalId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    const callId = (await createOpenCall(t, { reviewsPerProposal: 2, minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    proposalId = await eligibleProposal(t, applicant, callId);
    const first = await createUser(t, { roles: ['reviewer'], name: 'Erste Gutachterin' });
    const second = await createUser(t, { roles: ['reviewer'], name: 'Zweiter Gutachter' });
    // Invited first, submitted last: the labels follow the invitation order on the page and in the mail.
    const firstId = await assigned(t, proposalId, first.id);
    const secondId = await assigned(t, proposalId, second.id);
    for (const [reviewer, id, scores, comment] of [
      [second, secondId, defaultScores(3, 3, 4, 2, 3), 'Transfer in die Serie unklar.'],
      [first, firstId, defaultScores(5, 4, 4, 5, 4), 'Überzeugendes Konzept, Arbeitsplan knapp.'],
    ] as const) {
      expect((await assignmentAction(t, reviewer.token, id, 'accept')).status).toBe(200);
      const saved = await saveReview(t, reviewer.token, id, {
        scores,
        commentToApplicant: comment,
        confidentialComment: `Vertraulich von ${reviewer.email}`,
      });
      expect(saved.status).toBe(200);
      expect((await assignmentAction(t, reviewer.token, id, 'review/submit')).status).toBe(200);
    }
    const chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    const member = await createUser(t, { roles: ['steering'], name: 'Mitglied Adler' });
    for (const voter of [chair, member]) {
      const voted = await t
        .http()
        .put(`/api/proposals/${proposalId}/vote`)
        .set(auth(voter.token))
        .send({ vote: 'approve' });
      expect(voted.status).toBe(200);
    }
    const decided = await t
      .http()
      .post(`/api/proposals/${proposalId}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'approved', rationale: RATIONALE, grantedFundingEur: 230000 });
    expect(decided.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('has the same reviewer labels, comments, means, rationale and funding as the page', async () => {
    const isLetter = (m: CapturedMail) =>
      m.to.includes(applicant.email) && m.subject.startsWith('Entscheidung zu Ihrem Antrag');
    await sink.waitFor((mails) => mails.some(isLetter), 15_000, 'the decision letter');
    const letter = sink.mails.find(isLetter) as CapturedMail;
    expect(letter.subject).toContain(COMPLETE_PROPOSAL.acronym);
    const page = await t
      .http()
      .get(`/proposals/${proposalId}`)
      .set('Cookie', `beirat_session=${applicant.token}`);
    expect(page.status).toBe(200);

    const onPage = fromPage(page.text);
    const inLetter = fromLetter(letter.text);
    expect(onPage.comments).toEqual([
      { label: 'Gutachter*in A', text: 'Überzeugendes Konzept, Arbeitsplan knapp.' },
      { label: 'Gutachter*in B', text: 'Transfer in die Serie unklar.' },
    ]);
    expect(inLetter.comments).toEqual(onPage.comments);
    // The page's last row is the weighted total; the letter names it apart.
    const total = onPage.means.pop();
    expect(onPage.means).toHaveLength(5);
    expect(inLetter.means).toEqual(onPage.means);
    expect(inLetter.total).toBe(total?.mean);
    expect(onPage.rationale).toBe(RATIONALE);
    expect(inLetter.rationale).toBe(RATIONALE);
    expect(onPage.funding?.replace(/\s/g, ' ')).toBe('230.000 €');
    expect(inLetter.funding?.replace(/\s/g, ' ')).toBe(onPage.funding?.replace(/\s/g, ' '));
    // The HTML part carries the same labels and the rationale.
    expect(letter.html).toContain('Gutachter*in A');
    expect(letter.html).toContain(RATIONALE);
    for (const part of [letter.text, letter.html]) expect(part).not.toContain('Vertraulich von');
  });
});
