import { registerApplicant, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Redirect targets taken from the request stay on this site and never cause a 500 (issue 11). */
describe('redirect targets (back, next)', () => {
  let t: TestApp;
  let applicant: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    applicant = await registerApplicant(t);
  });
  afterAll(() => t.close());

  // Raw query strings: supertest would otherwise encode them for us.
  const REFUSED: [string, string][] = [
    ['a tab', '/%09/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash', '/%5Cevil.example'],
    ['CR/LF', '/x%0D%0ASet-Cookie:%20a=1'],
    ['an absolute URL', 'https://evil.example/'],
    ['dot segments that become //', '/..//evil.example'],
  ];

  it.each(REFUSED)('GET /lang/de?back= with %s goes home', async (_case, back) => {
    const res = await t.http().get(`/lang/de?back=${back}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('GET /lang/de keeps a good path and percent-encodes non-ASCII instead of a 500', async () => {
    const good = await t.http().get(`/lang/de?back=${encodeURIComponent('/calls?x=1#top')}`);
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe('/calls?x=1#top');
    const umlaut = await t.http().get('/lang/en?back=/vorschl%C3%A4ge');
    expect(umlaut.status).toBe(303);
    expect(umlaut.headers.location).toBe('/vorschl%C3%A4ge');
  });

  it.each(REFUSED)('GET /login?next= with %s, signed in, goes home', async (_case, next) => {
    const res = await t
      .http()
      .get(`/login?next=${next}`)
      .set('Cookie', `beirat_session=${applicant.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('GET /login?next= keeps a good path signed in, and does not carry a bad one into the form', async () => {
    const good = await t
      .http()
      .get('/login?next=/calls')
      .set('Cookie', `beirat_session=${applicant.token}`);
    expect(good.headers.location).toBe('/calls');
    const form = await t.http().get('/login?next=/%09/evil.example');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="next" value=""');
  });

  /** The sign-in form as a browser posts it: CSRF cookie and token from the page. */
  async function postLogin(next: string) {
    const form = await t.http().get('/login');
    const cookie = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    return t
      .http()
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, email: applicant.email, password: applicant.password, next });
  }

  it.each([
    ['a tab', '/\t/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['CR/LF', '/x\r\nSet-Cookie: a=1'],
    ['an absolute URL', 'https://evil.example/'],
  ])('POST /login with next = %s signs in and goes home', async (_case, next) => {
    const res = await postLogin(next);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('POST /login keeps a good next and encodes non-ASCII', async () => {
    expect((await postLogin('/calls?open=1')).headers.location).toBe('/calls?open=1');
    const umlaut = await postLogin('/vorschläge');
    expect(umlaut.status).toBe(303);
    expect(umlaut.headers.location).toBe('/vorschl%C3%A4ge');
  });
});
