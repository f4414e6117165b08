import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { auth, createOpenCall, createUser, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Who = 'anonymous' | 'applicant' | 'office' | 'reviewer' | 'steering' | 'stranger';
const WHO: Who[] = ['anonymous', 'applicant', 'office', 'reviewer', 'steering', 'stranger'];

/**
 * Issue 14: every new accounts route for every role, a stranger (an account with no role) and
 * anonymous; and bad input to every new field answers 400 naming that field.
 */
describe('accounts: authorization matrix and field refusals', () => {
  let t: TestApp;
  const tokens: Partial<Record<Who, string>> = {};
  let callId: string;
  let invitedId: string;

  beforeAll(async () => {
    t = await startTestApp({ TOTP_ENCRYPTION_KEY: 'authz-test-key-of-at-least-32-bytes!' });
    const users: Record<string, TestUser> = {
      applicant: await createUser(t, { roles: ['applicant'] }),
      reviewer: await createUser(t, { roles: ['reviewer'] }),
      steering: await createUser(t, { roles: ['steering'] }),
      stranger: await createUser(t, { roles: [] }),
    };
    for (const [who, user] of Object.entries(users)) tokens[who as Who] = user.token;
    tokens.office = t.officeToken;
    callId = (await createOpenCall(t)).id;
    const invited = await t
      .http()
      .post('/api/users')
      .set(auth(t.officeToken))
      .send({ email: 'pending@example.test', name: 'Pending', roles: ['reviewer'] });
    invitedId = invited.body.id;
  });
  afterAll(async () => t?.close());

  const as = (who: Who) => (who === 'anonymous' ? {} : auth(tokens[who]!));

  type Call = (who: Who) => Promise<Response>;
  const routes: [string, Call, Record<Who, number>][] = [
    [
      'POST /api/users (invite)',
      (who) =>
        t
          .http()
          .post('/api/users')
          .set(as(who))
          .send({ email: `new-${who}-${randomUUID()}@example.test`, name: 'N', roles: ['applicant'] }),
      { anonymous: 401, applicant: 403, office: 201, reviewer: 403, steering: 403, stranger: 403 },
    ],
    [
      'POST /api/users/:id/invite',
      (who) => t.http().post(`/api/users/${invitedId}/invite`).set(as(who)),
      { anonymous: 401, applicant: 403, office: 202, reviewer: 403, steering: 403, stranger: 403 },
    ],
    [
      'POST /api/auth/password-reset',
      (who) => t.http().post('/api/auth/password-reset').set(as(who)).send({ email: 'someone@example.test' }),
      { anonymous: 202, applicant: 202, office: 202, reviewer: 202, steering: 202, stranger: 202 },
    ],
    [
      'POST /api/auth/password-reset/confirm (spent token)',
      (who) =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .set(as(who))
          .send({ token: 'A'.repeat(43), password: 'a-long-enough-password' }),
      { anonymous: 400, applicant: 400, office: 400, reviewer: 400, steering: 400, stranger: 400 },
    ],
    [
      'POST /api/me/password (wrong current password)',
      (who) =>
        t
          .http()
          .post('/api/me/password')
          .set(as(who))
          .send({ currentPassword: 'not-the-password', newPassword: 'a-long-enough-password' }),
      { anonymous: 401, applicant: 400, office: 400, reviewer: 400, steering: 400, stranger: 400 },
    ],
    [
      'PATCH /api/me {locale}',
      (who) => t.http().patch('/api/me').set(as(who)).send({ locale: 'de' }),
      { anonymous: 401, applicant: 200, office: 200, reviewer: 200, steering: 200, stranger: 200 },
    ],
    [
      'PATCH /api/me {expertise} (board members only)',
      (who) =>
        t
          .http()
          .patch('/api/me')
          .set(as(who))
          .send({ expertise: ['battery'] }),
      { anonymous: 401, applicant: 403, office: 403, reviewer: 200, steering: 200, stranger: 403 },
    ],
    [
      'POST /api/me/totp',
      (who) => t.http().post('/api/me/totp').set(as(who)),
      { anonymous: 401, applicant: 201, office: 201, reviewer: 201, steering: 201, stranger: 201 },
    ],
    [
      'POST /api/me/totp/confirm (wrong code)',
      (who) => t.http().post('/api/me/totp/confirm').set(as(who)).send({ code: '000000' }),
      { anonymous: 401, applicant: 400, office: 400, reviewer: 400, steering: 400, stranger: 400 },
    ],
    [
      'POST /api/me/totp/disable (not on)',
      (who) => t.http().post('/api/me/totp/disable').set(as(who)).send({ code: '000000' }),
      { anonymous: 401, applicant: 409, office: 409, reviewer: 409, steering: 409, stranger: 409 },
    ],
    [
      'PUT /api/calls/:id/capacity',
      (who) => t.http().put(`/api/calls/${callId}/capacity`).set(as(who)).send({ maxLoad: 2 }),
      { anonymous: 401, applicant: 403, office: 403, reviewer: 200, steering: 200, stranger: 403 },
    ],
    [
      'PUT /api/calls/:unknown/capacity',
      (who) => t.http().put(`/api/calls/${randomUUID()}/capacity`).set(as(who)).send({ maxLoad: 2 }),
      { anonymous: 401, applicant: 403, office: 403, reviewer: 404, steering: 404, stranger: 403 },
    ],
  ];

  it.each(routes)('%s answers each role as expected', async (_name, call, expected) => {
    const seen: Partial<Record<Who, number>> = {};
    for (const who of WHO) seen[who] = (await call(who)).status;
    expect(seen).toEqual(expected);
  });

  it('a capacity is for oneself only and shows beside the call cap', async () => {
    const res = await t.http().put(`/api/calls/${callId}/capacity`).set(as('reviewer')).send({ maxLoad: 1 });
    expect(res.body).toEqual(
      expect.objectContaining({ callId, maxLoad: 1, effectiveMaxLoad: 1, callMaxLoad: expect.any(Number) }),
    );
    const rows: { user_id: string }[] = await t.dataSource.query(
      'SELECT user_id FROM reviewer_capacities WHERE call_id = $1 AND max_load = 1',
      [callId],
    );
    expect(rows).toHaveLength(1);
  });

  const expectField = (res: Response, field: string) => {
    expect(res.status).toBe(400);
    const fields = [
      ...((res.body.errors ?? []) as { field: string }[]).map((e) => e.field),
      ...(res.body.field ? [res.body.field] : []),
    ];
    expect(fields).toContain(field);
  };

  const long = (n: number) => 'x'.repeat(n);
  const bad: [string, (token: string) => Promise<Response>, string][] = [
    [
      'reset email not an address',
      () => t.http().post('/api/auth/password-reset').send({ email: 'nope' }),
      'email',
    ],
    ['reset email a number', () => t.http().post('/api/auth/password-reset').send({ email: 5 }), 'email'],
    [
      'reset email too long',
      () =>
        t
          .http()
          .post('/api/auth/password-reset')
          .send({ email: `${long(250)}@x.de` }),
      'email',
    ],
    [
      'reset unknown field',
      () => t.http().post('/api/auth/password-reset').send({ email: 'a@b.de', role: 'office' }),
      'role',
    ],
    [
      'confirm token malformed',
      () =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .send({ token: 'short', password: 'a-long-enough-password' }),
      'token',
    ],
    [
      'confirm password short',
      () =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .send({ token: 'A'.repeat(43), password: 'short' }),
      'password',
    ],
    [
      'confirm password too long',
      () =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .send({ token: 'A'.repeat(43), password: long(201) }),
      'password',
    ],
    [
      'confirm unknown field',
      () =>
        t
          .http()
          .post('/api/auth/password-reset/confirm')
          .send({ token: 'A'.repeat(43), password: 'a-long-enough-password', userId: 'x' }),
      'userId',
    ],
    [
      'change: current missing',
      (tk) => t.http().post('/api/me/password').set(auth(tk)).send({ newPassword: 'a-long-enough-password' }),
      'currentPassword',
    ],
    [
      'change: new too short',
      (tk) =>
        t.http().post('/api/me/password').set(auth(tk)).send({ currentPassword: 'x', newPassword: 'short' }),
      'newPassword',
    ],
    [
      'change: new not a string',
      (tk) =>
        t
          .http()
          .post('/api/me/password')
          .set(auth(tk))
          .send({ currentPassword: 'x', newPassword: 12345678901 }),
      'newPassword',
    ],
    ['me: name empty', (tk) => t.http().patch('/api/me').set(auth(tk)).send({ name: '' }), 'name'],
    [
      'me: name too long',
      (tk) =>
        t
          .http()
          .patch('/api/me')
          .set(auth(tk))
          .send({ name: long(201) }),
      'name',
    ],
    ['me: name null', (tk) => t.http().patch('/api/me').set(auth(tk)).send({ name: null }), 'name'],
    ['me: locale unknown', (tk) => t.http().patch('/api/me').set(auth(tk)).send({ locale: 'fr' }), 'locale'],
    [
      'me: expertise not a list',
      (tk) => t.http().patch('/api/me').set(auth(tk)).send({ expertise: 'battery' }),
      'expertise',
    ],
    [
      'me: expertise item too long',
      (tk) =>
        t
          .http()
          .patch('/api/me')
          .set(auth(tk))
          .send({ expertise: [long(101)] }),
      'expertise',
    ],
    [
      'me: expertise too many',
      (tk) =>
        t
          .http()
          .patch('/api/me')
          .set(auth(tk))
          .send({ expertise: Array.from({ length: 51 }, (_, i) => `k${i}`) }),
      'expertise',
    ],
    [
      'me: roles not editable',
      (tk) =>
        t
          .http()
          .patch('/api/me')
          .set(auth(tk))
          .send({ roles: ['office'] }),
      'roles',
    ],
    [
      'me: email not editable',
      (tk) => t.http().patch('/api/me').set(auth(tk)).send({ email: 'x@y.de' }),
      'email',
    ],
    [
      'totp confirm: code missing',
      (tk) => t.http().post('/api/me/totp/confirm').set(auth(tk)).send({}),
      'code',
    ],
    [
      'totp confirm: code too long',
      (tk) =>
        t
          .http()
          .post('/api/me/totp/confirm')
          .set(auth(tk))
          .send({ code: long(41) }),
      'code',
    ],
    [
      'totp confirm: code a number',
      (tk) => t.http().post('/api/me/totp/confirm').set(auth(tk)).send({ code: 123456 }),
      'code',
    ],
    [
      'totp disable: unknown field',
      (tk) => t.http().post('/api/me/totp/disable').set(auth(tk)).send({ code: '123456', force: true }),
      'force',
    ],
    [
      'capacity: not an integer',
      (tk) => t.http().put(`/api/calls/${callId}/capacity`).set(auth(tk)).send({ maxLoad: 1.5 }),
      'maxLoad',
    ],
    [
      'capacity: negative',
      (tk) => t.http().put(`/api/calls/${callId}/capacity`).set(auth(tk)).send({ maxLoad: -1 }),
      'maxLoad',
    ],
    [
      'capacity: too large',
      (tk) => t.http().put(`/api/calls/${callId}/capacity`).set(auth(tk)).send({ maxLoad: 1001 }),
      'maxLoad',
    ],
    [
      'capacity: a string',
      (tk) => t.http().put(`/api/calls/${callId}/capacity`).set(auth(tk)).send({ maxLoad: '2' }),
      'maxLoad',
    ],
    [
      'capacity: unknown field',
      (tk) =>
        t
          .http()
          .put(`/api/calls/${callId}/capacity`)
          .set(auth(tk))
          .send({ maxLoad: 2, userId: randomUUID() }),
      'userId',
    ],
    [
      'invite: password too short',
      () =>
        t
          .http()
          .post('/api/users')
          .set(auth(t.officeToken))
          .send({ email: 'short@example.test', name: 'S', roles: [], password: 'short' }),
      'password',
    ],
    [
      'login: code too long',
      () =>
        t
          .http()
          .post('/api/auth/login')
          .send({ email: 'a@b.de', password: 'x', code: long(41) }),
      'code',
    ],
  ];

  it.each(bad)('%s → 400 at the field', async (_name, send, field) => {
    expectField(await send(tokens.reviewer!), field);
  });
});
