import { auth, createDraft, createOpenCall, registerApplicant, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Each request the fuzzing of issue #11 answered with a 500 answers 400 now, with problem+json that
 * names the field where there is one.
 */
describe('input the service refuses with 400', () => {
  let t: TestApp;
  let callId: string;
  let applicant: TestUser;
  let proposalId: string;

  const office = () => auth(t.officeToken);

  beforeAll(async () => {
    t = await startTestApp();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t);
    proposalId = (await createDraft(t, applicant, callId)).id;
  });
  afterAll(() => t.close());

  const expectFieldError = (
    res: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    field: string,
  ) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };

  it.each([
    ['NUL', 'Antrag\u0000'],
    ['a lone high surrogate', 'Antrag \uD83D'],
    ['a lone low surrogate', '\uDE00 Antrag'],
  ])('%s in a string field is refused at the field', async (_name, title) => {
    const res = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send({ title });
    expectFieldError(res, 'title');
  });

  it('NUL in a nested string, in a key and in the query is refused at the field', async () => {
    const partners = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send({ partners: [{ name: 'TU\u0000', kind: 'research', city: 'Braunschweig' }] });
    expectFieldError(partners, 'partners[0].name');

    const key = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send({ 'a\u0000': 1 });
    expectFieldError(key, 'a\u0000');

    const query = await t.http().get('/api/users?q=%00').set(office());
    expectFieldError(query, 'q');
  });

  it('a paired surrogate (an emoji) is still accepted', async () => {
    const res = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send({ title: 'Akku 🔋' });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Akku 🔋');
  });

  it.each([['title'], ['partners'], ['acronym'], ['requestedFundingEur']])(
    'null for the proposal field %s is refused at the field',
    async (field) => {
      const res = await t
        .http()
        .patch(`/api/proposals/${proposalId}`)
        .set(auth(applicant.token))
        .send({ [field]: null });
      expectFieldError(res, field);
    },
  );

  it('null for active of a user is refused at the field', async () => {
    const res = await t.http().patch(`/api/users/${applicant.id}`).set(office()).send({ active: null });
    expectFieldError(res, 'active');
  });

  it('null for a call field is refused, null for the meeting date clears it', async () => {
    const title = await t.http().patch(`/api/calls/${callId}`).set(office()).send({ title: null });
    expectFieldError(title, 'title');
    const meeting = await t
      .http()
      .patch(`/api/calls/${callId}`)
      .set(office())
      .send({ steeringMeetingAt: null });
    expect(meeting.status).toBe(200);
    expect(meeting.body.steeringMeetingAt).toBeNull();
  });

  it('a 50,000-deep JSON array is refused before it is parsed, on every JSON route', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    for (const [method, path, token] of [
      ['post', '/api/auth/login', undefined],
      ['patch', `/api/proposals/${proposalId}`, applicant.token],
      ['post', '/api/calls', t.officeToken],
    ] as const) {
      let req = t.http()[method](path).set('Content-Type', 'application/json');
      if (token) req = req.set(auth(token));
      const res = await req.send(deep);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'json-too-complex', params: { maxDepth: 32, maxItems: 1000 } });
    }
  });

  it('an array of more than 1000 items is refused; 32 levels are parsed', async () => {
    const long = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ topics: Array.from({ length: 1001 }, () => 'x') }));
    expect(long.body.code).toBe('json-too-complex');

    const nested = { title: 'x', abstract: JSON.parse('['.repeat(30) + ']'.repeat(30)) };
    const deepButAllowed = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send(nested);
    expectFieldError(deepButAllowed, 'abstract');
  });

  it.each([
    ['opensAt', -8_640_000_000_000_000],
    ['opensAt', '0001-01-01T00:00:00Z'],
    ['submissionDeadline', '+275760-09-13T00:00:00.000Z'],
    ['steeringMeetingAt', 8_640_000_000_000_000],
  ])('the date %s = %s is refused at the field', async (field, value) => {
    const res = await t
      .http()
      .patch(`/api/calls/${callId}`)
      .set(office())
      .send({ [field]: value });
    expectFieldError(res, field);
  });

  const lists = ['/api/calls', '/api/proposals', '/api/users', '/api/assignments', '/api/mails'];
  const badCursors = [
    'not-base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('null').toString('base64url'),
    Buffer.from(
      JSON.stringify(['275760-09-13T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']),
    ).toString('base64url'),
    Buffer.from(JSON.stringify(['1', '00000000-0000-0000-0000-000000000000'])).toString('base64url'),
    Buffer.from(
      JSON.stringify(['2026-01-01T00:00:00.000Z', 'gggggggg-gggg-gggg-gggg-gggggggggggg']),
    ).toString('base64url'),
    Buffer.from(
      JSON.stringify(['2026-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000', 3]),
    ).toString('base64url'),
  ];
  it.each(lists)('malformed cursors on %s are refused at the field', async (list) => {
    for (const cursor of badCursors) {
      const res = await t.http().get(list).query({ cursor }).set(office());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid-cursor', errors: [{ field: 'cursor' }] });
    }
  });

  it.each(['scores', 'votes', 'decision', 'reviews'])(
    '?round=2147483648 on %s is refused at the field',
    async (what) => {
      const res = await t.http().get(`/api/proposals/${proposalId}/${what}?round=2147483648`).set(office());
      expectFieldError(res, 'round');
    },
  );

  it('an empty rubric is refused at the field', async () => {
    for (const rubric of [{}, [], { criteria: [] }, null]) {
      const res = await t.http().patch(`/api/calls/${callId}`).set(office()).send({ rubric });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).join()).toContain('rubric');
    }
    const created = await t
      .http()
      .post('/api/calls')
      .set(office())
      .send({
        title: 'Leer',
        topics: ['a'],
        opensAt: '2030-01-01T00:00:00Z',
        submissionDeadline: '2030-02-01T00:00:00Z',
        rubric: [],
      });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'rubric' })]),
    );
  });

  it('multipart without a boundary or cut short is refused', async () => {
    const noBoundary = await t
      .http()
      .post(`/api/proposals/${proposalId}/attachments`)
      .set(auth(applicant.token))
      .set('Content-Type', 'multipart/form-data')
      .send(
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--x--\r\n',
      );
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.code).toBe('malformed-multipart');

    const truncated = await t
      .http()
      .post(`/api/proposals/${proposalId}/attachments`)
      .set(auth(applicant.token))
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send(
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n' +
          ' '.repeat(2000),
      );
    expect(truncated.status).toBe(400);
    expect(truncated.body.code).toBe('malformed-multipart');
  });
});
