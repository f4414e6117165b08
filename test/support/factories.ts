import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
export { auth };

/** A minimal valid PDF of about `bytes` bytes (only the magic bytes matter to the server). */
export function pdf(bytes = 1024): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0x20)]);
}

/** The first bytes of a PNG. */
export function png(bytes = 1024): Buffer {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0)]);
}

export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** Creates a user through the office API and signs them in. */
export async function createUser(
  t: TestApp,
  fields: {
    roles: string[];
    organisation?: string;
    expertise?: string[];
    chair?: boolean;
    name?: string;
    locale?: string;
  },
): Promise<TestUser> {
  const email = `${fields.roles.join('-')}-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'correct-horse-battery';
  const res = await t
    .http()
    .post('/api/users')
    .set(auth(t.officeToken))
    .send({ email, password, name: fields.name ?? email.split('@')[0], ...fields });
  if (res.status !== 201) throw new Error(`creating user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, password, token: await signIn(t, email, password) };
}

/**
 * An applicant, signed in. Self-registration answers the same for every address and needs the mailed
 * link (test/auth-registration.e2e-spec.ts covers it), so the factory asks the office's user API: the
 * account is confirmed at once and no mail goes out that other tests would have to count.
 */
export async function registerApplicant(t: TestApp, organisation = 'Zulieferer GmbH'): Promise<TestUser> {
  return createUser(t, { roles: ['applicant'], name: 'Antragstellerin', organisation });
}

export const TOPICS = ['battery', 'lightweight', 'hydrogen', 'software', 'logistics', 'recycling'];

/** An open call whose deadline is a day away. */
export async function createOpenCall(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const now = Date.now();
  const res = await t
    .http()
    .post('/api/calls')
    .set(auth(t.officeToken))
    .send({
      title: 'Mobilität 2030',
      description: 'Kooperationsprojekte',
      topics: TOPICS,
      opensAt: new Date(now - 60_000).toISOString(),
      submissionDeadline: new Date(now + 86_400_000).toISOString(),
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`creating call failed: ${res.status} ${JSON.stringify(res.body)}`);
  const opened = await t.http().post(`/api/calls/${res.body.id}/open`).set(auth(t.officeToken));
  if (opened.status !== 200)
    throw new Error(`opening call failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { id: res.body.id };
}

export const COMPLETE_PROPOSAL = {
  title: 'Leichtbau-Batteriegehäuse aus Recyclingaluminium',
  acronym: 'LEIBAT',
  abstract: 'Ein Batteriegehäuse aus recyceltem Aluminium für Kleinserien.',
  topics: ['battery', 'lightweight'],
  partners: [{ name: 'TU Braunschweig', kind: 'research', city: 'Braunschweig' }],
  requestedFundingEur: 250000,
  durationMonths: 24,
};

export async function createDraft(
  t: TestApp,
  applicant: TestUser,
  callId: string,
  fields: Record<string, unknown> = COMPLETE_PROPOSAL,
): Promise<{ id: string; version: number }> {
  const res = await t.http().post(`/api/calls/${callId}/proposals`).set(auth(applicant.token)).send(fields);
  if (res.status !== 201) throw new Error(`creating draft failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function uploadPdf(
  t: TestApp,
  token: string,
  proposalId: string,
  content = pdf(),
  filename = 'antrag.pdf',
) {
  return t
    .http()
    .post(`/api/proposals/${proposalId}/attachments`)
    .set(auth(token))
    .attach('file', content, { filename, contentType: 'application/pdf' });
}

export function fire(
  t: TestApp,
  token: string,
  proposalId: string,
  event: string,
  body: Record<string, unknown> = {},
) {
  return t.http().post(`/api/proposals/${proposalId}/events/${event}`).set(auth(token)).send(body);
}

/** A proposal submitted and screened eligible, ready for reviewers. */
export async function eligibleProposal(
  t: TestApp,
  applicant: TestUser,
  callId: string,
  fields: Record<string, unknown> = COMPLETE_PROPOSAL,
): Promise<string> {
  const draft = await createDraft(t, applicant, callId, fields);
  const upload = await uploadPdf(t, applicant.token, draft.id);
  if (upload.status !== 201)
    throw new Error(`upload failed: ${upload.status} ${JSON.stringify(upload.body)}`);
  const submitted = await fire(t, applicant.token, draft.id, 'submit');
  if (submitted.status !== 200)
    throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const screened = await fire(t, t.officeToken, draft.id, 'screen-eligible');
  if (screened.status !== 200)
    throw new Error(`screen failed: ${screened.status} ${JSON.stringify(screened.body)}`);
  return draft.id;
}

// ---- review (issue 3) ----

/** The keys of the default rubric, in priority order. */
export const DEFAULT_CRITERIA = [
  'scientific_quality',
  'innovation',
  'feasibility',
  'transfer',
  'sme_benefit',
];

/** Scores for every criterion of the default rubric. */
export function fullScores(value = 4): Record<string, number> {
  return Object.fromEntries(DEFAULT_CRITERIA.map((key) => [key, value]));
}

/** Office assigns a reviewer to a proposal (raw response). */
export function assignReviewer(
  t: TestApp,
  proposalId: string,
  reviewerId: string,
  body: Record<string, unknown> = {},
) {
  return t
    .http()
    .post(`/api/proposals/${proposalId}/assignments`)
    .set(auth(t.officeToken))
    .send({ reviewerId, ...body });
}

/** Office assigns; throws unless created. Returns the assignment id. */
export async function assigned(t: TestApp, proposalId: string, reviewerId: string): Promise<string> {
  const res = await assignReviewer(t, proposalId, reviewerId);
  if (res.status !== 201) throw new Error(`assignment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Posts to /api/assignments/:id/<action> (accept, decline, review/submit, review/reopen). */
export function assignmentAction(
  t: TestApp,
  token: string,
  assignmentId: string,
  action: string,
  body: Record<string, unknown> = {},
) {
  return t.http().post(`/api/assignments/${assignmentId}/${action}`).set(auth(token)).send(body);
}

export function saveReview(t: TestApp, token: string, assignmentId: string, body: Record<string, unknown>) {
  return t.http().put(`/api/assignments/${assignmentId}/review`).set(auth(token)).send(body);
}

/** Assigned, accepted, a complete draft saved and submitted; throws on any refusal. */
export async function submittedReview(
  t: TestApp,
  reviewer: TestUser,
  proposalId: string,
  score = 4,
): Promise<string> {
  const id = await assigned(t, proposalId, reviewer.id);
  const accepted = await assignmentAction(t, reviewer.token, id, 'accept');
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const saved = await saveReview(t, reviewer.token, id, {
    scores: fullScores(score),
    commentToApplicant: `Kommentar (${score})`,
  });
  if (saved.status !== 200) throw new Error(`save failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await assignmentAction(t, reviewer.token, id, 'review/submit');
  if (submitted.status !== 200)
    throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return id;
}
