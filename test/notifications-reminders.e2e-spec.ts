import {
  assignmentAction,
  assignReviewer,
  auth,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  registerApplicant,
  saveReview,
  TestUser,
} from './support/factories';
import { CapturedMail, SmtpSink } from './support/smtp-sink';
import { OFFICE_EMAIL, startTestApp, TestApp } from './support/test-app';

const SECOND = 1000;
/** Reminders in seconds (durations are configurable: docs/CONFIGURATION.md), run against real Redis. */
const ENV = {
  WORKERS: 'on',
  REMIND_RESPOND_AFTER: '2s',
  REMIND_BEFORE_DUE: '3s',
  REMIND_OVERDUE_AFTER: '2s',
  ESCALATE_AFTER: '4s',
};
const DUE_IN_MS = 7 * SECOND;
const TOLERANCE_MS = 2 * SECOND;

const KIND_OF_SUBJECT: [RegExp, string][] = [
  [/^Erinnerung: Einladung zur Begutachtung/, 'respond'],
  [/^Gutachten bald fällig/, 'due-soon'],
  [/^Gutachten überfällig/, 'overdue'],
  [/^Eskalation: Gutachten überfällig/, 'escalate'],
];
const kindOf = (mail: CapturedMail) => KIND_OF_SUBJECT.find(([re]) => re.test(mail.subject))?.[1];

describe('reminders: delayed jobs with deterministic ids, re-checked before sending', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ ...ENV, SMTP_URL: sink.url });
    callId = (await createOpenCall(t, { reviewsPerProposal: 5, minReviews: 1 })).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('sends respond, due-soon, overdue and escalation at their time, and none for work that ended', async () => {
    const proposal = await eligibleProposal(t, applicant, callId);
    const other = await eligibleProposal(t, applicant, callId);
    const reviewer = (name: string) =>
      createUser(t, { roles: ['reviewer'], organisation: `Org ${name}`, name });
    const [silent, answers, submits, revoked, declines, withdrawn] = await Promise.all(
      ['Silent', 'Answers', 'Submits', 'Revoked', 'Declines', 'Withdrawn'].map(reviewer),
    );

    const dueAt = new Date(Date.now() + DUE_IN_MS).toISOString();
    const assign = async (proposalId: string, who: TestUser) => {
      const res = await assignReviewer(t, proposalId, who.id, { dueAt });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const ids = {
      silent: await assign(proposal, silent),
      answers: await assign(proposal, answers),
      submits: await assign(proposal, submits),
      revoked: await assign(proposal, revoked),
      declines: await assign(proposal, declines),
      withdrawn: await assign(other, withdrawn),
    };

    // Answer, submit, revoke, decline, withdraw — meant to happen before the respond reminder is due
    // (2 s after each assignment). On a loaded machine an action may come later than that; then the
    // reminder was due while the work was still open and is allowed. `endedAt` is when each action's
    // answer came back: no reminder due after it may arrive.
    const invitationEnded = new Map<string, number>();
    const workEnded = new Map<string, number>();
    expect((await assignmentAction(t, answers.token, ids.answers, 'accept')).status).toBe(200);
    invitationEnded.set(ids.answers, Date.now());
    expect((await assignmentAction(t, submits.token, ids.submits, 'accept')).status).toBe(200);
    invitationEnded.set(ids.submits, Date.now());
    expect(
      (
        await saveReview(t, submits.token, ids.submits, {
          scores: fullScores(4),
          commentToApplicant: 'Gut.',
        })
      ).status,
    ).toBe(200);
    expect((await assignmentAction(t, submits.token, ids.submits, 'review/submit')).status).toBe(200);
    workEnded.set(ids.submits, Date.now());
    expect((await t.http().delete(`/api/assignments/${ids.revoked}`).set(auth(t.officeToken))).status).toBe(
      200,
    );
    invitationEnded.set(ids.revoked, Date.now());
    workEnded.set(ids.revoked, Date.now());
    expect(
      (await assignmentAction(t, declines.token, ids.declines, 'decline', { reason: 'Befangen.' })).status,
    ).toBe(200);
    invitationEnded.set(ids.declines, Date.now());
    workEnded.set(ids.declines, Date.now());
    expect((await fire(t, applicant.token, other, 'withdraw')).status).toBe(200);
    invitationEnded.set(ids.withdrawn, Date.now());
    workEnded.set(ids.withdrawn, Date.now());

    // Everything due has happened 2 s after the last (escalation) time.
    const created = new Map<string, number>(
      (
        (await t.dataSource.query('SELECT id, created_at FROM assignments WHERE id = ANY($1)', [
          Object.values(ids),
        ])) as { id: string; created_at: Date }[]
      ).map((row) => [row.id, row.created_at.getTime()]),
    );
    const due = Date.parse(dueAt);
    const expected = (id: string): Record<string, number> => ({
      respond: (created.get(id) as number) + 2 * SECOND,
      'due-soon': due - 3 * SECOND,
      overdue: due + 2 * SECOND,
      escalate: due + 4 * SECOND,
    });
    await sink.waitFor(
      (mails) => mails.filter((m) => kindOf(m) === 'escalate').length >= 2,
      DUE_IN_MS + 10 * SECOND,
      'two escalations',
    );
    // Room for a reminder that should not come (or a second copy) to show up.
    await new Promise((resolve) => setTimeout(resolve, 2 * SECOND));

    const reminders = (who: TestUser) =>
      sink
        .to(who.email)
        .filter((m) => kindOf(m))
        .map((m) => ({ kind: kindOf(m) as string, lateMs: m.receivedAt }));
    const check = (who: TestUser, id: string, kinds: string[]) => {
      const got = reminders(who);
      expect(got.map((r) => r.kind)).toEqual(kinds);
      for (const r of got) {
        const late = r.lateMs - expected(id)[r.kind];
        // Never early, at most TOLERANCE_MS late.
        expect(late).toBeGreaterThanOrEqual(-100);
        expect(late).toBeLessThanOrEqual(TOLERANCE_MS);
      }
    };
    // The reminders that were due while the work was open: respond while invited, the others while
    // the review was not in (the respond one only when the action came after its time, see above).
    const dueWhileOpen = (id: string): string[] => {
      const at = expected(id);
      const invited = invitationEnded.get(id) ?? Infinity;
      const open = workEnded.get(id) ?? Infinity;
      return [
        ...(at.respond < invited ? ['respond'] : []),
        ...(['due-soon', 'overdue'] as const).filter((kind) => at[kind] < open),
      ];
    };
    check(silent, ids.silent, ['respond', 'due-soon', 'overdue']);
    check(answers, ids.answers, dueWhileOpen(ids.answers));
    expect(dueWhileOpen(ids.answers)).toEqual(expect.arrayContaining(['due-soon', 'overdue']));
    for (const [who, id] of [
      [submits, ids.submits],
      [revoked, ids.revoked],
      [declines, ids.declines],
      [withdrawn, ids.withdrawn],
    ] as const) {
      check(who, id, dueWhileOpen(id));
    }

    const escalations = sink.to(OFFICE_EMAIL).filter((m) => kindOf(m) === 'escalate');
    expect(escalations).toHaveLength(2);
    expect(
      escalations
        .map((m) => (m.text.includes('Silent') ? 'Silent' : m.text.includes('Answers') ? 'Answers' : '?'))
        .sort(),
    ).toEqual(['Answers', 'Silent']);
    for (const m of escalations) {
      const late = m.receivedAt - expected(ids.silent).escalate;
      expect(late).toBeGreaterThanOrEqual(-100);
      expect(late).toBeLessThanOrEqual(TOLERANCE_MS);
    }

    // The reminders of ended assignments were removed from Redis, or skipped after re-checking.
    const logged: { key: string }[] = await t.dataSource.query(
      `SELECT idempotency_key AS key FROM mail_log WHERE template LIKE 'reminder-%' OR template = 'escalation'`,
    );
    for (const id of [ids.submits, ids.revoked, ids.declines, ids.withdrawn]) {
      expect(logged.filter((row) => row.key.includes(id))).toHaveLength(dueWhileOpen(id).length);
    }
  });
});
