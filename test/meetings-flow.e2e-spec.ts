import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { auth } from './support/factories';
import {
  CONFLICTED_ACRONYM,
  CONFLICTED_TITLE,
  download,
  meetingWorld,
  MeetingWorld,
  pdfText,
} from './support/meeting-seed';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

/** The parsed VEVENT of a mail's .ics attachment, with the calendar's METHOD. */
function icsOf(mail: CapturedMail) {
  const file = mail.attachments.find((a) => a.filename.endsWith('.ics'));
  if (!file) throw new Error(`no .ics attached to "${mail.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const start = event.getFirstProperty('dtstart')!;
  return {
    contentType: file.contentType,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    tzid: start.getParameter('tzid'),
    start: String(start.getFirstValue()),
    hasBerlinZone: calendar
      .getAllSubcomponents('vtimezone')
      .some((z) => z.getFirstPropertyValue('tzid') === 'Europe/Berlin'),
  };
}

/** Berlin wall-clock time of an instant as ical.js prints a local DATE-TIME. */
function berlin(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('a steering meeting from invitation to frozen minutes', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let w: MeetingWorld;
  let meetingId: string;
  const api = () => t.http();
  const steeringEmails = () => [w.chair, ...w.members, w.conflicted].map((u) => u.email);

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    w = await meetingWorld(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('invites every steering member with an .ics in Europe/Berlin; an update keeps the UID and raises SEQUENCE', async () => {
    const startsAt = '2027-07-01T08:00:00.000Z';
    const created = await api()
      .post('/api/meetings')
      .set(auth(t.officeToken))
      .send({ title: 'Sitzung der Steuerungsgruppe', startsAt, location: 'Raum 1.12', callIds: [w.callId] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'planned', allowedEvents: ['open', 'cancel'] });
    meetingId = created.body.id;

    await sink.waitFor((mails) =>
      steeringEmails().every((e) => mails.some((m) => m.to.includes(e) && /^Einladung/.test(m.subject))),
    );
    const first = icsOf(sink.to(w.members[0].email).find((m) => /^Einladung/.test(m.subject))!);
    expect(first).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      tzid: 'Europe/Berlin',
      start: berlin(startsAt),
      hasBerlinZone: true,
    });
    expect(first.start).toBe('2027-07-01T10:00:00'); // CEST: UTC + 2
    expect(first.contentType).toMatch(/^text\/calendar/);

    const moved = '2027-01-14T09:30:00.000Z';
    const updated = await api()
      .patch(`/api/meetings/${meetingId}`)
      .set(auth(t.officeToken))
      .send({ startsAt: moved });
    expect(updated.status).toBe(200);
    const update = await sink.waitFor((mails) =>
      mails.some((m) => m.to.includes(w.members[0].email) && /^Geänderte Einladung/.test(m.subject)),
    );
    const second = icsOf(
      update.find((m) => m.to.includes(w.members[0].email) && /^Geänderte/.test(m.subject))!,
    );
    expect(second).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 1, tzid: 'Europe/Berlin' });
    expect(second.start).toBe('2027-01-14T10:30:00'); // CET: UTC + 1
  });

  it('orders the agenda controversial first, then by rank, and names who must leave the room', async () => {
    const view = await api().get(`/api/meetings/${meetingId}`).set(auth(w.members[0].token));
    expect(view.status).toBe(200);
    const { controversial, conflicted, plain, weak } = w.proposals;
    expect(view.body.agenda.map((i: { proposalId: string }) => i.proposalId)).toEqual([
      controversial,
      conflicted,
      plain,
      weak,
    ]);
    expect(view.body.agenda[0]).toMatchObject({ controversial: true, disagreement: true });
    const item = view.body.agenda[1];
    expect(item.conflicted).toEqual([{ id: w.conflicted.id, name: 'Mitglied Dorn', chair: false }]);
    expect(view.body.agenda[2].conflicted).toEqual([]);

    // The office may reorder; proposals not awaiting decision in the meeting's calls are refused at the field.
    const refused = await api()
      .put(`/api/meetings/${meetingId}/agenda`)
      .set(auth(t.officeToken))
      .send({ proposalIds: [plain, '00000000-0000-4000-8000-000000000000'] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('not-on-agenda');
    const reordered = await api()
      .put(`/api/meetings/${meetingId}/agenda`)
      .set(auth(t.officeToken))
      .send({ proposalIds: [controversial, plain, conflicted, weak] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.agenda.map((i: { proposalId: string }) => i.proposalId)).toEqual([
      controversial,
      plain,
      conflicted,
      weak,
    ]);
  });

  it('opens; attendance; quorum among those present; a conflicted member is never counted; results and decisions; closes', async () => {
    const { controversial, conflicted, plain, weak } = w.proposals;
    expect(
      (await api().post(`/api/meetings/${meetingId}/events/open`).set(auth(w.members[0].token))).status,
    ).toBe(403);
    const opened = await api().post(`/api/meetings/${meetingId}/events/open`).set(auth(w.chair.token));
    expect(opened.status).toBe(200);
    expect(opened.body.state).toBe('open');

    // Chair, Adler, Brandt and the conflicted Dorn present; Conrad absent.
    const present = [w.chair.id, w.members[0].id, w.members[1].id, w.conflicted.id];
    const stranger = await api()
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(auth(w.chair.token))
      .send({ present: [...present, w.applicant.id] });
    expect(stranger.status).toBe(400);
    const attendance = await api()
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(auth(w.chair.token))
      .send({ present });
    expect(attendance.status).toBe(200);
    const quorum = Object.fromEntries(
      attendance.body.agenda.map((i: { proposalId: string; quorum: unknown }) => [i.proposalId, i.quorum]),
    );
    expect(quorum[plain]).toEqual({ eligible: 5, presentEligible: 4, required: 3, reached: true });
    expect(quorum[conflicted]).toEqual({ eligible: 4, presentEligible: 3, required: 2, reached: true });

    const result = (id: string, body: Record<string, unknown>, token = w.chair.token) =>
      api().post(`/api/meetings/${meetingId}/items/${id}/result`).set(auth(token)).send(body);
    const decide = (id: string, body: Record<string, unknown>, token = w.chair.token) =>
      api().post(`/api/meetings/${meetingId}/items/${id}/decision`).set(auth(token)).send(body);

    // Dorn left the room for their item: counting them is refused, so are more votes than present.
    const counted = await result(conflicted, {
      approve: 3,
      reject: 0,
      revise: 0,
      abstain: 0,
      counted: [w.chair.id, w.members[0].id, w.conflicted.id],
    });
    expect(counted.status).toBe(409);
    expect(counted.body.code).toBe('member-conflicted');
    const tooMany = await result(conflicted, { approve: 4, reject: 0, revise: 0, abstain: 0 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: 'counts-exceed-present', params: { present: 3 } });
    expect(
      (await result(conflicted, { approve: 1, reject: 0, revise: 0, abstain: 0 }, w.members[0].token)).status,
    ).toBe(403);

    expect((await decide(weak, { outcome: 'rejected', rationale: 'Zu schwach' })).body.code).toBe(
      'no-result-recorded',
    );

    const ok = await result(conflicted, {
      approve: 3,
      reject: 0,
      revise: 0,
      abstain: 0,
      counted: [w.chair.id, w.members[0].id, w.members[1].id],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      quorum: { presentEligible: 3, reached: true },
      proposedOutcome: 'approved',
    });
    expect((await result(controversial, { approve: 2, reject: 2, revise: 0, abstain: 0 })).status).toBe(200);
    expect((await result(plain, { approve: 3, reject: 1, revise: 0, abstain: 0 })).status).toBe(200);
    // The office records a conflict of the chair with the weak proposal: the chair leaves the room
    // and records nothing on it; the office does.
    const declared = await api()
      .post(`/api/proposals/${weak}/conflicts`)
      .set(auth(t.officeToken))
      .send({ userId: w.chair.id, reason: 'Beratervertrag' });
    expect(declared.status).toBe(201);
    const byConflictedChair = await result(weak, { approve: 0, reject: 3, revise: 0, abstain: 0 });
    expect(byConflictedChair.status).toBe(409);
    expect(byConflictedChair.body.code).toBe('member-conflicted');
    expect((await result(weak, { approve: 0, reject: 3, revise: 0, abstain: 0 }, t.officeToken)).status).toBe(
      200,
    );
    const decidedByConflictedChair = await decide(weak, { outcome: 'rejected', rationale: 'Zu schwach' });
    expect(decidedByConflictedChair.status).toBe(409);
    expect(decidedByConflictedChair.body.code).toBe('member-conflicted');

    const against = await decide(plain, { outcome: 'rejected', rationale: '' });
    expect(against.status).toBe(409);
    expect(against.body.code).toBe('majority-differs');
    expect(
      (await decide(plain, { outcome: 'approved', rationale: 'Überzeugend', grantedFundingEur: 200000 }))
        .status,
    ).toBe(201);
    expect(
      (await decide(conflicted, { outcome: 'approved', rationale: 'Sehr gut', grantedFundingEur: 300000 }))
        .status,
    ).toBe(201);
    const tie = await decide(controversial, { outcome: 'revision_requested', rationale: '' });
    expect(tie.body.code).toBe('no-majority');
    const override = await decide(controversial, {
      outcome: 'revision_requested',
      rationale: 'Stimmengleichheit: Überarbeitung der Arbeitspakete',
      override: true,
    });
    expect(override.status).toBe(201);
    expect(override.body).toMatchObject({ outcome: 'revision_requested', override: true });
    expect((await decide(weak, { outcome: 'rejected', rationale: 'Zu schwach' }, t.officeToken)).status).toBe(
      201,
    );
    expect(
      (await decide(weak, { outcome: 'rejected', rationale: 'Noch einmal' }, t.officeToken)).status,
    ).toBe(409);
    const state = await api().get(`/api/proposals/${plain}`).set(auth(t.officeToken));
    expect(state.body.state).toBe('approved');

    const closed = await api().post(`/api/meetings/${meetingId}/events/close`).set(auth(t.officeToken));
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(
      (await api().put(`/api/meetings/${meetingId}/attendance`).set(auth(w.chair.token)).send({ present }))
        .status,
    ).toBe(409);
  });

  it('minutes list attendance, who left, results, decisions and the override; approved, they are frozen', async () => {
    const draft = await download(t, `/api/meetings/${meetingId}/minutes.pdf`, w.members[1].token);
    expect(draft.status).toBe(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    const text = pdfText(draft.body).replace(/\s+/g, ' ');
    expect(text).toContain('Anwesend: Mitglied Adler, Mitglied Brandt, Mitglied Dorn, Vorsitz Weber');
    expect(text).toContain('Nicht anwesend: Mitglied Conrad');
    expect(text).toMatch(
      new RegExp(
        `TOP 3: ${CONFLICTED_ACRONYM} – ${CONFLICTED_TITLE} Befangen, haben den Raum verlassen: Mitglied Dorn`,
      ),
    );
    expect(text).toContain('Zustimmung 3, Ablehnung 0, Überarbeitung 0, Enthaltung 0');
    expect(text).toContain('Zustimmung 2, Ablehnung 2, Überarbeitung 0, Enthaltung 0');
    expect(text).toContain('Zustimmung 0, Ablehnung 3');
    expect(text).toMatch(/SCHWACH – Schwacher Antrag Befangen, haben den Raum verlassen: Vorsitz Weber/);
    expect(text).toContain('Beschluss: Überarbeitung verlangt — ABWEICHUNG VON DER MEHRHEIT (Override)');
    expect(text).toContain('Stimmengleichheit: Überarbeitung der Arbeitspakete');
    expect(text).toContain('Beschluss: Abgelehnt');
    expect(text.match(/Beschluss: Bewilligt/g)).toHaveLength(2);
    expect(text).toContain('Entwurf');

    expect(
      (await api().post(`/api/meetings/${meetingId}/minutes/approve`).set(auth(t.officeToken))).status,
    ).toBe(403);
    const approved = await api().post(`/api/meetings/${meetingId}/minutes/approve`).set(auth(w.chair.token));
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('minutes_approved');
    const stored = approved.body.minutesSha256 as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);

    const one = await download(t, `/api/meetings/${meetingId}/minutes.pdf`, w.members[0].token);
    const two = await download(t, `/api/meetings/${meetingId}/minutes.pdf`, t.officeToken);
    expect(one.body.equals(two.body)).toBe(true);
    expect(createHash('sha256').update(one.body).digest('hex')).toBe(stored);
    expect(one.headers['x-content-sha256']).toBe(stored);
    expect(pdfText(one.body)).toContain('Genehmigt: Vorsitz Weber');

    const { plain } = w.proposals;
    const changes = [
      api().put(`/api/meetings/${meetingId}/attendance`).set(auth(w.chair.token)).send({ present: [] }),
      api()
        .post(`/api/meetings/${meetingId}/items/${plain}/result`)
        .set(auth(w.chair.token))
        .send({ approve: 1, reject: 0, revise: 0, abstain: 0 }),
      api()
        .post(`/api/meetings/${meetingId}/items/${plain}/decision`)
        .set(auth(w.chair.token))
        .send({ outcome: 'rejected', rationale: 'x' }),
      api().patch(`/api/meetings/${meetingId}`).set(auth(t.officeToken)).send({ title: 'Neu' }),
      api().put(`/api/meetings/${meetingId}/agenda`).set(auth(t.officeToken)).send({ proposalIds: [] }),
      api().post(`/api/meetings/${meetingId}/minutes/approve`).set(auth(w.chair.token)),
      api().post(`/api/meetings/${meetingId}/events/close`).set(auth(w.chair.token)),
    ];
    for (const res of await Promise.all(changes)) expect(res.status).toBe(409);
    const again = await download(t, `/api/meetings/${meetingId}/minutes.pdf`, w.chair.token);
    expect(again.body.equals(one.body)).toBe(true);
  });

  it("leaves the conflicted member's item out of their meeting pack entirely", async () => {
    const theirs = pdfText(
      (await download(t, `/api/meetings/${meetingId}/pack.pdf`, w.conflicted.token)).body,
    );
    expect(theirs).toContain('Leichtbau ohne Streit');
    expect(theirs).toContain('STREIT');
    expect(theirs).not.toContain(CONFLICTED_TITLE);
    expect(theirs).not.toContain(CONFLICTED_ACRONYM);
    expect(theirs).not.toContain('300.000');
    expect(theirs).not.toContain('4,50');
    const other = await download(t, `/api/meetings/${meetingId}/pack.pdf`, w.members[0].token);
    expect(other.status).toBe(200);
    const text = pdfText(other.body);
    expect(text).toContain(CONFLICTED_TITLE);
    expect(text).toContain('4,50');
    expect(text).toContain('Reviewer A');
  });

  it("a cancellation goes out as METHOD:CANCEL with the invitation's UID", async () => {
    const created = await api()
      .post('/api/meetings')
      .set(auth(t.officeToken))
      .send({ title: 'Sondersitzung', startsAt: '2027-02-02T13:00:00Z', callIds: [w.callId] });
    expect(created.status).toBe(201);
    const to = w.members[2].email;
    const invited = await sink.waitFor((mails) =>
      mails.some((m) => m.to.includes(to) && m.subject.includes('Sondersitzung')),
    );
    const invitation = icsOf(invited.find((m) => m.to.includes(to) && m.subject.includes('Sondersitzung'))!);
    const cancelled = await api()
      .post(`/api/meetings/${created.body.id}/events/cancel`)
      .set(auth(w.chair.token))
      .send({ reason: 'Kein Bedarf' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    const mails = await sink.waitFor((all) =>
      all.some((m) => m.to.includes(to) && /^Abgesagt: Sondersitzung/.test(m.subject)),
    );
    const cancel = icsOf(mails.find((m) => m.to.includes(to) && /^Abgesagt: Sondersitzung/.test(m.subject))!);
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      uid: invitation.uid,
      sequence: invitation.sequence + 1,
      tzid: 'Europe/Berlin',
    });
    expect(invitation.method).toBe('REQUEST');
  });
});
