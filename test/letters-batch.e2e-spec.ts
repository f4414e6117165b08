import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '@/app';
import { createPino } from '@/common/logger';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';
import { createReviewers, defaultScores as s, seedReviews } from './support/seed-reviews';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

const folder = mkdtempSync(join(tmpdir(), 'beirat-letters-'));
/** The text of a PDF as pdftotext (poppler) reads it. */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(folder, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Issue 16 acceptance 3: letters of a batch call reach the applicant only when the office releases them, once. */
describe('decision letters released in a batch (DESIGN §12)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let second: NestFastifyApplication;
  let callId: string;
  let applicant: TestUser;
  let chair: TestUser;
  const ids: Record<string, string> = {};
  const titles = { A: 'Antrag Äquator', B: 'Antrag Brücke', C: 'Antrag Chemie' };
  const comment = (k: string) =>
    `Hinweis zu ${k}: Arbeitspaket drei präzisieren, Größe der Stichprobe begründen.`;

  const letterMails = () => sink.to(applicant.email).filter((m) => m.subject.startsWith('Entscheidung'));
  const outboxLetters = async () =>
    Number(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'mail.decision-letter'`)
      )[0].n,
    );
  const decide = (id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/proposals/${id}/decision`).set(auth(chair.token)).send(body);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    // A second instance of the service on the same database (no workers), as behind a load balancer.
    second = (await createApp({ ...t.config, workers: false }, createPino('silent'))).app;
    callId = (await createOpenCall(t, { releaseDecisions: 'batch', reviewsPerProposal: 1, minReviews: 1 }))
      .id;
    applicant = await registerApplicant(t);
    chair = await createUser(t, { roles: ['steering'], chair: true, organisation: 'Stadtwerke' });
    const [reviewer] = await createReviewers(t, 1);
    for (const [k, title] of Object.entries(titles)) {
      ids[k] = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, title });
      await seedReviews(t, ids[k], [{ reviewer, scores: s(4, 4, 4, 4, 4), commentToApplicant: comment(k) }]);
    }
    for (const k of Object.keys(titles)) {
      const voted = await t
        .http()
        .put(`/api/proposals/${ids[k]}/vote`)
        .set(auth(chair.token))
        .send({
          vote: k === 'A' ? 'approve' : k === 'B' ? 'reject' : 'revise',
        });
      expect(voted.status).toBe(200);
    }
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
    await sink?.stop();
  });

  it('a recorded decision changes the state, but the applicant sees no decision and gets no letter', async () => {
    expect(
      (
        await decide(ids.A, {
          outcome: 'approved',
          rationale: 'Überzeugendes Konzept für KMU.',
          grantedFundingEur: 180000,
        })
      ).status,
    ).toBe(201);
    expect(
      (await decide(ids.B, { outcome: 'rejected', rationale: 'Zu geringer Innovationsgrad.' })).status,
    ).toBe(201);
    expect(
      (await decide(ids.C, { outcome: 'revision_requested', rationale: 'Arbeitsplan überarbeiten.' })).status,
    ).toBe(201);
    const office = await t.http().get(`/api/proposals/${ids.A}`).set(auth(t.officeToken));
    expect(office.body.state).toBe('approved');
    // No revision period runs before the applicant is told (it starts at the release).
    const pendingRevision = await t.http().get(`/api/proposals/${ids.C}`).set(auth(t.officeToken));
    expect(pendingRevision.body).toMatchObject({ state: 'revision_requested', revisionDeadline: null });
    expect((await t.http().get(`/api/proposals/${ids.A}/decision`).set(auth(applicant.token))).status).toBe(
      404,
    );
    expect((await t.http().get(`/api/proposals/${ids.A}/decisions`).set(auth(applicant.token))).body).toEqual(
      [],
    );
    expect(
      (await t.http().get(`/api/proposals/${ids.A}/decision/letter.pdf`).set(auth(applicant.token))).status,
    ).toBe(404);
    // No letter was queued (the relay mails every outbox row), and none arrived.
    expect(await outboxLetters()).toBe(0);
    expect(letterMails()).toHaveLength(0);
  });

  it('before the release the applicant reads every proposal as awaiting_decision, with no outcome', async () => {
    const outcomes = /approved|rejected|revision_requested|\b(approve|reject|request-revision)\b/;
    const list = await t.http().get(`/api/proposals?callId=${callId}`).set(auth(applicant.token));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    for (const k of Object.keys(titles)) {
      const one = await t.http().get(`/api/proposals/${ids[k]}`).set(auth(applicant.token));
      const history = await t.http().get(`/api/proposals/${ids[k]}/history`).set(auth(applicant.token));
      const listed = list.body.items.find((p: { id: string }) => p.id === ids[k]);
      for (const body of [one.body, listed]) {
        expect(body.state).toBe('awaiting_decision');
        expect(body.revisionDeadline).toBeNull();
        expect(body.allowedEvents).toEqual([]);
        expect(body.allowedActions).toEqual([]);
      }
      expect(history.status).toBe(200);
      expect(history.body.at(-1).toState).toBe('awaiting_decision');
      for (const body of [one.body, listed, history.body]) expect(JSON.stringify(body)).not.toMatch(outcomes);
      // The office reads the real state (and the decision in the history).
      const office = await t.http().get(`/api/proposals/${ids[k]}/history`).set(auth(t.officeToken));
      expect(JSON.stringify(office.body)).toMatch(outcomes);
    }
    // Writing does not tell it either: C is really revision_requested (editable), refused as awaiting_decision.
    const edit = await t
      .http()
      .patch(`/api/proposals/${ids.C}`)
      .set(auth(applicant.token))
      .send({ title: 'Neu' });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'not-editable', state: 'awaiting_decision' });
    const withdraw = await t
      .http()
      .post(`/api/proposals/${ids.C}/events/withdraw`)
      .set(auth(applicant.token))
      .send({});
    expect(withdraw.status).toBe(409);
    expect(withdraw.body).toMatchObject({ code: 'event-not-allowed', state: 'awaiting_decision' });
    // Nor do the scores (the applicant reads them with a released decision only).
    expect((await t.http().get(`/api/proposals/${ids.A}/scores`).set(auth(applicant.token))).status).not.toBe(
      200,
    );
    // The web pages: my proposals and the proposal page show the masked state.
    const mine = await t.http().get('/proposals').set(auth(applicant.token));
    const detail = await t.http().get(`/proposals/${ids.C}`).set(auth(applicant.token));
    for (const page of [mine, detail]) {
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(
        /Überarbeitung erbeten|Bewilligt|Abgelehnt|revision_requested|approved|rejected/,
      );
    }
    // Nor the own-data export: the proposals as awaiting_decision, no decision rows.
    const exported = await t.http().get('/api/me/export').set(auth(applicant.token));
    expect(exported.status).toBe(200);
    expect(exported.body.tables.decisions).toEqual([]);
    const states = exported.body.tables.proposals.map((p: { state: string }) => p.state);
    expect(states).toEqual(['awaiting_decision', 'awaiting_decision', 'awaiting_decision']);
    expect(JSON.stringify(exported.body.tables.proposals)).not.toMatch(outcomes);
  });

  it('the office previews every pending letter as rendered and adds a personal paragraph', async () => {
    const preview = await t.http().get(`/api/calls/${callId}/letters`).set(auth(t.officeToken));
    expect(preview.status).toBe(200);
    expect(preview.body.map((l: { proposalId: string }) => l.proposalId)).toEqual([ids.A, ids.B, ids.C]);
    expect(preview.body[0].text).toContain('Bewilligt');
    expect(preview.body[0].text).toContain('Überzeugendes Konzept für KMU.');
    expect(preview.body[0].text).toContain(comment('A'));
    expect((await t.http().get(`/api/calls/${callId}/letters`).set(auth(applicant.token))).status).toBe(403);
    const paragraph = 'Wir freuen uns auf das Auftakttreffen im Januar.';
    const put = await t
      .http()
      .put(`/api/calls/${callId}/letters/${ids.A}`)
      .set(auth(t.officeToken))
      .send({ paragraph });
    expect(put.status).toBe(200);
    expect(put.body.text).toContain(paragraph);
    const tooLong = await t
      .http()
      .put(`/api/calls/${callId}/letters/${ids.A}`)
      .set(auth(t.officeToken))
      .send({ paragraph: 'x'.repeat(3001) });
    expect(tooLong.status).toBe(400);
  });

  it('two instances releasing at once send each letter once, with the PDF attached', async () => {
    const [one, two] = await Promise.all([
      t.http().post(`/api/calls/${callId}/letters/release`).set(auth(t.officeToken)),
      request(second.getHttpServer()).post(`/api/calls/${callId}/letters/release`).set(auth(t.officeToken)),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.released + two.body.released).toBe(3);
    await sink.waitFor(() => letterMails().length >= 3, 30_000, 'three decision letters');
    const byTitle = (title: string): CapturedMail[] => letterMails().filter((m) => m.subject.includes(title));
    const expected = {
      A: ['Bewilligt', 'Überzeugendes Konzept für KMU.', '180.000', 'Wir freuen uns auf das Auftakttreffen'],
      B: ['Abgelehnt', 'Zu geringer Innovationsgrad.'],
      C: ['Überarbeitung erbeten', 'Arbeitsplan überarbeiten.', 'Überarbeitung einreichen bis'],
    } as const;
    for (const [k, words] of Object.entries(expected)) {
      const mails = byTitle(titles[k as keyof typeof titles]);
      expect(mails).toHaveLength(1);
      expect(mails[0].attachments).toHaveLength(1);
      expect(mails[0].attachments[0].contentType).toBe('application/pdf');
      const text = pdfText(mails[0].attachments[0].content, k).replace(/\s+/g, ' ');
      for (const w of [...words, 'Gutachter*in A', comment(k)]) expect(text).toContain(w);
    }
  });

  it('releasing again sends nothing; the applicant now reads the decision and downloads the letter', async () => {
    const again = await t.http().post(`/api/calls/${callId}/letters/release`).set(auth(t.officeToken));
    expect(again.body).toEqual({ released: 0, proposalIds: [] });
    expect(await outboxLetters()).toBe(3);
    expect((await t.http().get(`/api/calls/${callId}/letters`).set(auth(t.officeToken))).body).toEqual([]);
    const decision = await t.http().get(`/api/proposals/${ids.A}/decision`).set(auth(applicant.token));
    expect(decision.status).toBe(200);
    expect(decision.body.releasedAt).not.toBeNull();
    const real = { A: 'approved', B: 'rejected', C: 'revision_requested' } as const;
    const list = await t.http().get(`/api/proposals?callId=${callId}`).set(auth(applicant.token));
    for (const [k, state] of Object.entries(real)) {
      const one = await t.http().get(`/api/proposals/${ids[k]}`).set(auth(applicant.token));
      expect(one.body.state).toBe(state);
      expect(list.body.items.find((p: { id: string }) => p.id === ids[k]).state).toBe(state);
      const history = await t.http().get(`/api/proposals/${ids[k]}/history`).set(auth(applicant.token));
      expect(history.body.at(-1).toState).toBe(state);
    }
    const exported = await t.http().get('/api/me/export').set(auth(applicant.token));
    expect(exported.body.tables.decisions.map((d: { outcome: string }) => d.outcome).sort()).toEqual(
      Object.values(real).sort(),
    );
    expect(exported.body.tables.proposals.map((p: { state: string }) => p.state).sort()).toEqual(
      Object.values(real).sort(),
    );
    const revision = await t.http().get(`/api/proposals/${ids.C}`).set(auth(applicant.token));
    // The revision period starts with the release, not with the recording of the decision.
    const released = await t.http().get(`/api/proposals/${ids.C}/decision`).set(auth(applicant.token));
    const call = await t.http().get(`/api/calls/${callId}`).set(auth(t.officeToken));
    expect(Date.parse(revision.body.revisionDeadline) - Date.parse(released.body.releasedAt)).toBe(
      call.body.revisionPeriodDays * 24 * 3600 * 1000,
    );
    expect(revision.body.allowedActions).toContain('edit');
    const pdf = await t
      .http()
      .get(`/api/proposals/${ids.A}/decision/letter.pdf`)
      .set(auth(applicant.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.body as Buffer, 'download')).toContain('Überzeugendes Konzept für KMU.');
    const late = await t
      .http()
      .put(`/api/calls/${callId}/letters/${ids.A}`)
      .set(auth(t.officeToken))
      .send({ paragraph: 'zu spät' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('letter-released');
    // Every mail log entry of the letters was sent once.
    const log = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mail_log WHERE template = 'decision-letter'`,
    );
    expect(log[0].n).toBe(3);
  });
});
